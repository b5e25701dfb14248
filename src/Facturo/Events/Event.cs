using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturo.Events;

/// <summary>
/// Something that happened to an account, written in the same transaction as the change itself (a change that fails
/// writes no event), never changed afterwards. Integrators list events (GET /api/v1/events) and receive them by webhook.
/// </summary>
public sealed class Event
{
    public const string PublicPrefix = "evt_";

    /// <summary>Taken from the table's sequence, so events sort in the order they were written.</summary>
    public long Id { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CustomerNumber { get; set; }
    /// <summary>The public id of the object the event is about (F000000042, a payment reference).</summary>
    public required string ObjectId { get; set; }
    /// <summary>A JSON snapshot of what changed, amounts as strings.</summary>
    public required string Payload { get; set; }

    /// <summary>"evt_000000000042": zero-padded so that the public ids also sort as text.</summary>
    public string PublicId => FormatId(Id);

    public static string FormatId(long id) => PublicPrefix + id.ToString("D12", CultureInfo.InvariantCulture);

    public static long? ParseId(string publicId) =>
        publicId.StartsWith(PublicPrefix, StringComparison.Ordinal)
        && long.TryParse(publicId.AsSpan(PublicPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}

/// <summary>The event types an integrator can list and subscribe to.</summary>
public static class EventTypes
{
    public const string InvoiceFinalized = "invoice.finalized";
    public const string InvoicePaid = "invoice.paid";
    public const string CreditNoteCreated = "credit_note.created";
    public const string PaymentSubmitted = "payment.submitted";
    public const string PaymentSent = "payment.sent";
    public const string PaymentSettled = "payment.settled";
    public const string PaymentReturned = "payment.returned";
    public const string AccountProgramChanged = "account.program_changed";
    public const string LeadOpened = "lead.opened";

    public static readonly IReadOnlyList<string> All =
    [
        InvoiceFinalized, InvoicePaid, CreditNoteCreated, PaymentSubmitted, PaymentSent, PaymentSettled, PaymentReturned, AccountProgramChanged, LeadOpened,
    ];
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    /// <summary>Made append-only (update, delete, truncate refused) by the migration that created it.</summary>
    public static readonly string[] AppendOnlyTables = ["events"];

    public void Configure(EntityTypeBuilder<Event> events)
    {
        events.ToTable("events");
        events.Property(e => e.Type).HasMaxLength(40);
        events.Property(e => e.CustomerNumber).HasMaxLength(20);
        events.Property(e => e.ObjectId).HasMaxLength(40);
        events.Ignore(e => e.PublicId);
        // The lists' filters, each read in id order after a cursor.
        events.HasIndex(e => new { e.CustomerNumber, e.Id });
        events.HasIndex(e => new { e.Type, e.Id });
    }
}
