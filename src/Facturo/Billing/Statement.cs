using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary>
/// A small-business account's monthly statement of charges: the orders it paid when it placed them.
/// Not a demand for payment, so it posts nothing to the ledger.
/// </summary>
public sealed class Statement
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long BillRunId { get; set; }
    public required string Period { get; set; }
    public DateOnly IssueDate { get; set; }
    public string CurrencyCode { get; set; } = "CAD";
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public long TotalCents { get; set; }
    public required string CustomerNumber { get; set; }
    public required string CustomerLegalName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StatementLine> Lines { get; set; } = [];

    public string Number => FormatNumber(Id);
    public static string FormatNumber(long id) => $"R{id:D9}";

    public static bool TryParseNumber(string? number, out long id) => DocumentNumbers.TryParse(number, "R", out id);
}

public sealed class StatementLine
{
    public long StatementId { get; set; }
    public int LineNumber { get; set; }
    public long OrderId { get; set; }
    public DateOnly OrderDate { get; set; }
    public OrderChannel Channel { get; set; }
    public PaymentMethod PaymentMethod { get; set; }
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public long TotalCents { get; set; }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> statement)
    {
        statement.Property(s => s.Id).ValueGeneratedNever();
        statement.Property(s => s.Period).HasMaxLength(7).IsFixedLength();
        statement.Property(s => s.CurrencyCode).HasMaxLength(3).IsFixedLength();
        statement.Property(s => s.CustomerNumber).HasMaxLength(10);
        statement.Property(s => s.CustomerLegalName).HasMaxLength(200);
        statement.HasIndex(s => new { s.AccountId, s.Period }).IsUnique();
        statement.HasOne<CustomerAccount>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        statement.HasOne<BillRun>().WithMany().HasForeignKey(s => s.BillRunId).OnDelete(DeleteBehavior.Restrict);
        statement.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementLineConfiguration : IEntityTypeConfiguration<StatementLine>
{
    public void Configure(EntityTypeBuilder<StatementLine> line)
    {
        line.HasKey(l => new { l.StatementId, l.LineNumber });
        line.Property(l => l.Channel).HasConversion<string>().HasMaxLength(20);
        line.Property(l => l.PaymentMethod).HasConversion<string>().HasMaxLength(20);
    }
}
