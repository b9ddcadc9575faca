package com.nextpanel.billing.fleet.entity;

import com.nextpanel.billing.platform.Refusal;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;

/**
 * A NextPanel server of the fleet. Health fields and current_accounts are changed by atomic SQL
 * (probes and slot reservations run on several nodes at once), never through this entity.
 */
@Entity
@Table(name = "panel_server")
public class PanelServer {

    @Id
    @SequenceGenerator(name = "panel_server_id_seq", sequenceName = "panel_server_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "panel_server_id_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "base_url", nullable = false)
    private String baseUrl;

    @Column(name = "panel_url")
    private String panelUrl;

    /** Sealed with the master key (security.SecretCipher), like the secret. */
    @Column(name = "api_key_sealed", nullable = false)
    private String apiKeySealed;

    @Column(name = "api_secret_sealed", nullable = false)
    private String apiSecretSealed;

    @Column(name = "api_key_hint", nullable = false)
    private String apiKeyHint;

    @Column(name = "credentials_version", nullable = false)
    private long credentialsVersion;

    @Column(nullable = false)
    private int capacity;

    @Column(name = "current_accounts", nullable = false, insertable = false, updatable = false)
    private int currentAccounts;

    private String location;

    // Lazy: most reads (selection, probes, panel calls) never look at the tags. A list that does
    // reads the tags of all its servers in one query.
    @ElementCollection(fetch = FetchType.LAZY)
    @BatchFetch(BatchFetchType.IN)
    @CollectionTable(name = "panel_server_tag", joinColumns = @JoinColumn(name = "server_id"))
    @Column(name = "tag")
    @OrderBy
    private List<String> tags = new ArrayList<>();

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "rate_limit_per_hour", nullable = false)
    private int rateLimitPerHour;

    @Column(name = "is_online", nullable = false, updatable = false)
    private boolean online;

    @Column(name = "last_checked_at", updatable = false)
    private Instant lastCheckedAt;

    @Column(name = "latency_ms", updatable = false)
    private Integer latencyMs;

    @Column(name = "consecutive_failures", nullable = false, insertable = false, updatable = false)
    private int consecutiveFailures;

    @Column(name = "last_error", updatable = false)
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Version
    private long version;

    protected PanelServer() {
    }

    /** A server whose connection test just passed: it starts online with that test's latency. */
    /** A new server, its id taken ahead of the insert (its credentials are sealed to that row). */
    public PanelServer(long id, ServerDetails details, SealedCredentials credentials, int latencyMs, Instant now) {
        this.id = id;
        apply(details);
        replaceCredentials(credentials, details.baseUrl(), now);
        this.online = true;
        this.lastCheckedAt = now;
        this.latencyMs = latencyMs;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies an operator's edit; capacity can never drop below the accounts already placed. */
    public void update(ServerDetails details, Instant now) {
        if (details.capacity() < currentAccounts) {
            throw Refusal.conflict("Capacity " + details.capacity() + " is below the " + currentAccounts
                    + " accounts already on server '" + name + "'");
        }
        apply(details);
        updatedAt = now;
    }

    /** New credentials (and possibly a new address) that a connection test has just accepted. */
    public void replaceCredentials(SealedCredentials credentials, String baseUrl, Instant now) {
        this.baseUrl = baseUrl;
        apiKeySealed = credentials.apiKey();
        apiSecretSealed = credentials.apiSecret();
        apiKeyHint = credentials.keyHint();
        credentialsVersion++;
        updatedAt = now;
    }

    /** Re-seals the same credentials under a new master key; the panel sees no change. */
    public void reseal(SealedCredentials credentials) {
        apiKeySealed = credentials.apiKey();
        apiSecretSealed = credentials.apiSecret();
    }

    public void remove(Instant now) {
        if (currentAccounts > 0) {
            throw Refusal.conflict("Server '" + name + "' still holds " + currentAccounts
                    + (currentAccounts == 1 ? " account" : " accounts") + ": move or terminate them first");
        }
        removedAt = now;
        active = false;
        updatedAt = now;
    }

    public ServerDetails details() {
        return new ServerDetails(name, description, baseUrl, capacity, location, List.copyOf(tags), active,
                rateLimitPerHour, panelUrl);
    }

    private void apply(ServerDetails details) {
        name = details.name();
        description = details.description();
        capacity = details.capacity();
        location = details.location();
        tags = new ArrayList<>(new LinkedHashSet<>(details.tags()));
        active = details.active();
        rateLimitPerHour = details.rateLimitPerHour();
        panelUrl = details.panelUrl();
    }

    /** Accounts used as a percentage of capacity, one decimal. */
    public double utilization() {
        return utilization(currentAccounts, capacity);
    }

    /** The same, for counts read without the entity. */
    public static double utilization(int currentAccounts, int capacity) {
        return BigDecimal.valueOf(currentAccounts * 100.0 / capacity).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    public int availableSlots() {
        return Math.max(0, capacity - currentAccounts);
    }

    public SealedCredentials sealedCredentials() {
        return new SealedCredentials(apiKeySealed, apiSecretSealed, apiKeyHint);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where customers open their control panel: the panel URL when set, else the base URL. */
    public String customerPanelUrl() {
        return panelUrl != null ? panelUrl : baseUrl;
    }

    public String apiKeyHint() {
        return apiKeyHint;
    }

    public long credentialsVersion() {
        return credentialsVersion;
    }

    public int capacity() {
        return capacity;
    }

    public int currentAccounts() {
        return currentAccounts;
    }

    public String location() {
        return location;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public boolean active() {
        return active;
    }

    public int rateLimitPerHour() {
        return rateLimitPerHour;
    }

    /** The latest probe succeeded; false from the first failure on (the schema holds it to consecutive_failures). */
    public boolean online() {
        return online;
    }

    /** Online, failing or offline, {@code offlineAfter} being fleet.probe.offline-after-failures. */
    public ServerHealth health(int offlineAfter) {
        return ServerHealth.of(online, consecutiveFailures, offlineAfter);
    }

    public Instant lastCheckedAt() {
        return lastCheckedAt;
    }

    public Integer latencyMs() {
        return latencyMs;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public boolean removed() {
        return removedAt != null;
    }
}
