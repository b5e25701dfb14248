using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Ledger;
using Facturo.Orders;
using Facturo.Emails;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

/// <summary>The one database. Each feature folder owns the configuration of its own tables.</summary>
public abstract class FacturoDbContext(DbContextOptions options) : IdentityUserContext<PortalUser, long>(options)
{
    public DbSet<BillerSettings> BillerSettings => Set<BillerSettings>();
    public DbSet<CustomerAccount> Accounts => Set<CustomerAccount>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoiceTax> InvoiceTaxes => Set<InvoiceTax>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<CreditNoteLine> CreditNoteLines => Set<CreditNoteLine>();
    public DbSet<CreditNoteTax> CreditNoteTaxes => Set<CreditNoteTax>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<StatementLine> StatementLines => Set<StatementLine>();
    public DbSet<BillRun> BillRuns => Set<BillRun>();
    public DbSet<InvoiceDelivery> InvoiceDeliveries => Set<InvoiceDelivery>();
    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();
    public DbSet<LedgerPosting> LedgerPostings => Set<LedgerPosting>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseAccount> EnterpriseAccounts => Set<EnterpriseAccount>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Portal.AccessRequest> AccessRequests => Set<Portal.AccessRequest>();
    public DbSet<Portal.AccountLinkRequest> AccountLinkRequests => Set<Portal.AccountLinkRequest>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<Payments.BankAccount> BankAccounts => Set<Payments.BankAccount>();
    public DbSet<Payments.DebitAuthorization> DebitAuthorizations => Set<Payments.DebitAuthorization>();
    public DbSet<Payments.AutomaticDebit> AutomaticDebits => Set<Payments.AutomaticDebit>();
    public DbSet<Payments.Payment> Payments => Set<Payments.Payment>();
    public DbSet<Payments.PaymentAllocation> PaymentAllocations => Set<Payments.PaymentAllocation>();
    public DbSet<Payments.DebitBatch> DebitBatches => Set<Payments.DebitBatch>();
    public DbSet<Payments.FailedPayment> FailedPayments => Set<Payments.FailedPayment>();
    public DbSet<Payments.BankFileImport> BankFileImports => Set<Payments.BankFileImport>();
    public DbSet<Payments.BankUpload> BankUploads => Set<Payments.BankUpload>();
    public DbSet<Payments.BankFetch> BankFetches => Set<Payments.BankFetch>();
    public DbSet<Payments.BankExchangeAttempt> BankExchangeAttempts => Set<Payments.BankExchangeAttempt>();
    public DbSet<Payments.BankChangeNotice> BankChangeNotices => Set<Payments.BankChangeNotice>();
    public DbSet<Payments.Receipt> Receipts => Set<Payments.Receipt>();
    public DbSet<Staff.StaffMember> StaffMembers => Set<Staff.StaffMember>();
    public DbSet<Staff.StaffAuditEntry> StaffAuditEntries => Set<Staff.StaffAuditEntry>();
    public DbSet<Staff.ProgramChange> ProgramChanges => Set<Staff.ProgramChange>();
    public DbSet<Events.Event> Events => Set<Events.Event>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Staff.SalesLead> SalesLeads => Set<Staff.SalesLead>();
    public DbSet<Portal.SupportQuestion> SupportQuestions => Set<Portal.SupportQuestion>();
    public DbSet<Payments.ReceiptAllocation> ReceiptAllocations => Set<Payments.ReceiptAllocation>();
    public DbSet<Passwords.PasswordHistoryEntry> PasswordHistory => Set<Passwords.PasswordHistoryEntry>();
    public DbSet<Platform.AuthSession> AuthSessions => Set<Platform.AuthSession>();
    public DbSet<Taxes.TaxRuleOverride> TaxRuleOverrides => Set<Taxes.TaxRuleOverride>();
    public DbSet<Taxes.ExemptionCertificate> ExemptionCertificates => Set<Taxes.ExemptionCertificate>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityUserClaim<long>>().ToTable("portal_user_claims");
        builder.Entity<IdentityUserLogin<long>>().ToTable("portal_user_logins");
        builder.Entity<IdentityUserToken<long>>().ToTable("portal_user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(FacturoDbContext).Assembly);
    }
}

public sealed class SqliteFacturoDbContext(DbContextOptions<SqliteFacturoDbContext> options) : FacturoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFacturoDbContext(DbContextOptions<PostgresFacturoDbContext> options) : FacturoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
