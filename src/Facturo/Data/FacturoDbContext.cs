using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Ledger;
using Facturo.Orders;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Data;

/// <summary>The one database. Each feature folder owns the configuration of its own tables.</summary>
public abstract class FacturoDbContext(DbContextOptions options) : DbContext(options)
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
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<StatementLine> StatementLines => Set<StatementLine>();
    public DbSet<BillRun> BillRuns => Set<BillRun>();
    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();
    public DbSet<LedgerPosting> LedgerPostings => Set<LedgerPosting>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FacturoDbContext).Assembly);
}

public sealed class SqliteFacturoDbContext(DbContextOptions<SqliteFacturoDbContext> options) : FacturoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFacturoDbContext(DbContextOptions<PostgresFacturoDbContext> options) : FacturoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
