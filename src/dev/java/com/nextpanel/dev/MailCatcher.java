package com.nextpanel.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dev start's mail server: GreenMail SMTP in the launcher's JVM, so that the app's emails
 * can be read without a real one. Each email received is written to {@code <data>/mail/NNNN-<template>.eml}
 * (open it in any mail client) and announced with one line.
 */
final class MailCatcher implements AutoCloseable {

    private static final String TEMPLATE_HEADER = "X-NextPanel-Template"; // set by notify's Mailer

    private final GreenMail smtp;
    private final Path folder;
    private final Thread saver;
    private int saved;
    private int numbered;

    private MailCatcher(GreenMail smtp, Path folder, int numbered) {
        this.smtp = smtp;
        this.folder = folder;
        this.numbered = numbered;
        this.saver = new Thread(this::saveAsTheyArrive, "mail-catcher");
        saver.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port}; numbering goes on from the files already in {@code <data>/mail}. */
    static MailCatcher start(int port, Path data) throws IOException {
        Path folder = data.resolve("mail");
        Files.createDirectories(folder);
        int existing;
        try (Stream<Path> files = Files.list(folder)) {
            existing = (int) files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            smtp.start();
        } catch (RuntimeException e) {
            throw new DevServer.RefusedStart("could not start the mail catcher on port " + port
                    + " (in use?): pick another with -Dserve.smtpPort=3026, or set MAIL_SMTP_HOST for a real server", e);
        }
        MailCatcher catcher = new MailCatcher(smtp, folder, existing);
        catcher.saver.start();
        return catcher;
    }

    Path folder() {
        return folder;
    }

    private void saveAsTheyArrive() {
        try {
            while (smtp.isRunning()) {
                if (smtp.waitForIncomingEmail(1000, saved + 1)) {
                    MimeMessage[] received = smtp.getReceivedMessages();
                    for (; saved < received.length; saved++) {
                        save(received[saved]);
                    }
                }
            }
        } catch (RuntimeException stopped) {
            // GreenMail was stopped under us: the launcher is shutting down
        }
    }

    private void save(MimeMessage message) {
        try {
            String[] template = message.getHeader(TEMPLATE_HEADER);
            String name = String.format("%04d-%s.eml", ++numbered,
                    template == null ? "mail" : template[0].replaceAll("[^a-z0-9_-]", ""));
            Path file = folder.resolve(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
            System.out.println("[mail] to=" + addresses(message.getAllRecipients()) + " subject=" + message.getSubject()
                    + " saved as " + shown(file));
        } catch (IOException | MessagingException e) {
            System.err.println("[mail] could not save an email: " + e);
        }
    }

    private static String addresses(Address[] recipients) {
        return recipients == null ? "" : Arrays.stream(recipients).map(Address::toString).collect(Collectors.joining(","));
    }

    /** Relative to where the command runs when the file is below it (data/mail/0001-welcome.eml). */
    private static Path shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file) : file;
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
