using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Billing;

/// <summary><see cref="Requested"/>: asked for through the API, waiting for the worker; <see cref="Failed"/>: stopped by an error, resumes when started again.</summary>
public enum BillRunStatus { Running, Completed, Requested, Failed }

/// <summary>The record of billing one period. A period has one bill run, however many times it is started.</summary>
public sealed class BillRun
{
    public long Id { get; set; }
    public required string Period { get; set; }
    public BillRunStatus Status { get; set; }
    /// <summary>Fixed at the first start so a resumed run dates its documents the same.</summary>
    public DateOnly IssueDate { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Attempts { get; set; }
    public int InvoicesIssued { get; set; }
    public int StatementsIssued { get; set; }
}

internal sealed class BillRunConfiguration : IEntityTypeConfiguration<BillRun>
{
    public void Configure(EntityTypeBuilder<BillRun> run)
    {
        run.Property(r => r.Period).HasMaxLength(7).IsFixedLength();
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.HasIndex(r => r.Period).IsUnique();
    }
}

/// <summary>A named counter for gap-free document numbers. Taken inside the transaction that uses the numbers, so a rollback gives them back.</summary>
public sealed class DocumentSequence
{
    public const string Invoices = "invoice";
    public const string CreditNotes = "credit-note";
    public const string Statements = "statement";

    public required string Name { get; set; }
    public long NextValue { get; set; }
}

internal sealed class DocumentSequenceConfiguration : IEntityTypeConfiguration<DocumentSequence>
{
    public void Configure(EntityTypeBuilder<DocumentSequence> sequence)
    {
        sequence.HasKey(s => s.Name);
        sequence.Property(s => s.Name).HasMaxLength(32);
        sequence.HasData(
            new DocumentSequence { Name = DocumentSequence.Invoices, NextValue = 1 },
            new DocumentSequence { Name = DocumentSequence.CreditNotes, NextValue = 1 },
            new DocumentSequence { Name = DocumentSequence.Statements, NextValue = 1 });
    }
}
