package com.nextpanel.billing.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The container's error page (web.xml): a failure outside the REST layer (in the security
 * mechanism, a filter) answers problem+json like every other refusal, never an HTML page with a
 * stack trace. A database that cannot be reached is a 503, which a client retries.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error-page";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 500;
        Problem problem;
        if (causedByDatabase(error)) {
            problem = ProblemMappers.problemOf(new Refusal(ErrorCode.UNAVAILABLE,
                    "The database is unavailable; try again shortly"));
        } else if (status >= 500) {
            problem = new Problem(status, "internal-error", "Internal error",
                    "The request failed on the server; the log has the details under this request's id");
        } else {
            problem = new Problem(status, "error", "Error", "The request could not be served (HTTP " + status + ")");
        }
        if (!response.isCommitted()) {
            response.reset();
            ProblemJson.write(request, response, problem);
        }
    }

    private static boolean causedByDatabase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t.getClass().getName().startsWith("jakarta.persistence.")) {
                return true;
            }
        }
        return false;
    }
}
