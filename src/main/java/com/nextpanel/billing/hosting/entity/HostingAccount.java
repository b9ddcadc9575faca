package com.nextpanel.billing.hosting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A hosting account and its life on a panel. The transitions live here and refuse what the
 * panel would not allow, so that services never set a status by hand.
 */
// The lock by id is prepared once at deployment: built per call, it cost measurable CPU under load.
@NamedQuery(name = "HostingAccount.lock", query = "SELECT a FROM HostingAccount a WHERE a.id = :id",
        lockMode = LockModeType.PESSIMISTIC_WRITE)
@Entity
@Table(name = "hosting_account")
public class HostingAccount {

    @Id
    @SequenceGenerator(name = "hosting_account_id_seq", sequenceName = "hosting_account_id_seq", allocationSize = 50) // V7: ids in blocks
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hosting_account_id_seq")
    private Long id;

    @Column(name = "server_id")
    private Long serverId;

    @Column(name = "panel_user_id")
    private Long panelUserId;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(nullable = false)
    private String email;

    @Column(name = "full_name")
    private String fullName;

    private String phone;

    private String company;

    @Column(name = "package_id")
    private Long packageId;

    @Column(name = "customer_id")
    private Long customerId;

    @Column(name = "order_id")
    private Long orderId;

    @Convert(converter = AccountStatusColumn.class)
    @Column(nullable = false)
    private AccountStatus status;

    @Column(name = "slot_held", nullable = false)
    private boolean slotHeld;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    @Column(name = "suspension_reason")
    private String suspensionReason;

    @Convert(converter = SuspensionCauseColumn.class)
    @Column(name = "suspension_cause")
    private SuspensionCause suspensionCause;

    @Column(name = "terminated_at")
    private Instant terminatedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "preferred_location", updatable = false)
    private String preferredLocation;

    @Column(name = "preferred_tag", updatable = false)
    private String preferredTag;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected HostingAccount() {
    }

    public HostingAccount(AccountHolder holder, Long customerId, Long orderId, String preferredLocation,
            String preferredTag, Instant now) {
        this.preferredLocation = preferredLocation;
        this.preferredTag = preferredTag;
        this.username = holder.username();
        this.email = holder.email();
        this.fullName = holder.fullName();
        this.phone = holder.phone();
        this.company = holder.company();
        this.packageId = holder.packageId();
        this.customerId = customerId;
        this.orderId = orderId;
        this.status = AccountStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The account holds a slot on this server from now on (reserved by ServerSelector). */
    public void placeOn(long server, Instant now) {
        require(status == AccountStatus.PENDING && serverId == null, "be placed on a server");
        serverId = server;
        slotHeld = true;
        updatedAt = now;
    }

    public void activate(long panelUser, Instant now) {
        require(status == AccountStatus.PENDING, "become active");
        panelUserId = panelUser;
        status = AccountStatus.ACTIVE;
        updatedAt = now;
    }

    /** The panel refused the account for good; answers whether a slot must be given back. */
    public boolean fail(String reason, Instant now) {
        require(status == AccountStatus.PENDING, "be marked failed");
        status = AccountStatus.FAILED;
        failureReason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…";
        updatedAt = now;
        return giveBackSlot();
    }

    public void requireSuspendable() {
        require(status == AccountStatus.ACTIVE, "be suspended");
    }

    /** {@code reason} is the text the panel and the customer read; {@code cause} decides what lifts it. */
    public void suspend(SuspensionCause cause, String reason, Instant now) {
        Objects.requireNonNull(cause, "a suspension needs its cause");
        requireSuspendable();
        status = AccountStatus.SUSPENDED;
        suspendedAt = now;
        suspensionReason = reason;
        suspensionCause = cause;
        updatedAt = now;
    }

    /** Suspended for non-payment: a payment that leaves nothing overdue lifts it; an operator's suspension stays. */
    public boolean liftedByPayment() {
        return status == AccountStatus.SUSPENDED && suspensionCause != null && suspensionCause.liftedByPayment();
    }

    public void requireUnsuspendable() {
        require(status == AccountStatus.SUSPENDED, "be unsuspended");
    }

    public void unsuspend(Instant now) {
        requireUnsuspendable();
        status = AccountStatus.ACTIVE;
        suspendedAt = null;
        suspensionReason = null;
        suspensionCause = null;
        updatedAt = now;
    }

    public void requireTerminable() {
        require(status == AccountStatus.ACTIVE || status == AccountStatus.SUSPENDED, "be terminated");
    }

    /** Gone from the panel; answers whether a slot must be given back. */
    public boolean terminate(Instant now) {
        requireTerminable();
        status = AccountStatus.TERMINATED;
        terminatedAt = now;
        updatedAt = now;
        return giveBackSlot();
    }

    private boolean giveBackSlot() {
        boolean held = slotHeld;
        slotHeld = false;
        return held;
    }

    private void require(boolean allowed, String what) {
        if (!allowed) {
            throw new IllegalAccountTransition("Account " + id + " is " + status.label() + " and cannot " + what);
        }
    }

    public Long id() {
        return id;
    }

    public Long serverId() {
        return serverId;
    }

    public Long panelUserId() {
        return panelUserId;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public String phone() {
        return phone;
    }

    public String company() {
        return company;
    }

    public Long packageId() {
        return packageId;
    }

    public Long customerId() {
        return customerId;
    }

    public Long orderId() {
        return orderId;
    }

    public AccountStatus status() {
        return status;
    }

    public boolean slotHeld() {
        return slotHeld;
    }

    public Instant suspendedAt() {
        return suspendedAt;
    }

    public String suspensionReason() {
        return suspensionReason;
    }

    /** Why the account is (or, once terminated, was last) suspended; null when it is not. */
    public SuspensionCause suspensionCause() {
        return suspensionCause;
    }

    public Instant terminatedAt() {
        return terminatedAt;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String preferredLocation() {
        return preferredLocation;
    }

    public String preferredTag() {
        return preferredTag;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
