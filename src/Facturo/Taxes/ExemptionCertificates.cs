using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Taxes;

/// <summary>A certificate as the form sends it: every field as typed, the scanned proof as uploaded.</summary>
public sealed record ExemptionCertificateForm(string? Kind, string? Number, IReadOnlyList<string> Taxes, IReadOnlyList<string> Provinces,
    DateOnly? ValidFrom, DateOnly? ValidUntil, string? Reserve, string? ProofFileName, byte[]? Proof);

/// <summary>One certificate on the customer's page, without its proof's bytes.</summary>
public sealed record ExemptionCertificateRow(long Id, ExemptionKind Kind, string Number, string Taxes, string Provinces, DateOnly ValidFrom, DateOnly? ValidUntil,
    string? Reserve, string ProofFileName, string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? EndedAt);

/// <summary>
/// The exemption certificates customer relations keeps for an account: recorded with the scanned proof,
/// ended early when the customer's exemption ends, never deleted. Each change is in the audit log.
/// </summary>
public sealed class ExemptionCertificates(FacturoDbContext db, StaffAudit audit, BillerClock clock)
{
    public async Task<IReadOnlyList<ExemptionCertificateRow>> ListAsync(long accountId, CancellationToken cancellationToken) =>
        await db.ExemptionCertificates.AsNoTracking()
            .Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.ValidFrom).ThenByDescending(c => c.Id)
            .Select(c => new ExemptionCertificateRow(c.Id, c.Kind, c.Number, c.Taxes, c.Provinces, c.ValidFrom, c.ValidUntil, c.Reserve, c.ProofFileName,
                db.StaffMembers.Where(s => s.Id == c.RecordedByStaffId).Select(s => s.Email).FirstOrDefault() ?? "", c.RecordedAt, c.EndedAt))
            .ToListAsync(cancellationToken);

    public async Task<Outcome<ExemptionCertificate>> RecordAsync(string customerNumber, ExemptionCertificateForm form, CancellationToken cancellationToken)
    {
        var accountId = await db.Accounts.Where(a => a.CustomerNumber == customerNumber).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (accountId is null)
        {
            return UserError.NotFound("account.not-found", customerNumber);
        }
        if (Read(form, out var entry) is { } unreadable)
        {
            return unreadable;
        }
        if (entry!.Problem(TaxTable.Canada) is { } problem)
        {
            return ToUserError(problem);
        }
        if (form.Proof is not { Length: > 0 } proof || string.IsNullOrWhiteSpace(form.ProofFileName))
        {
            return UserError.Validation("exemption.proof-required");
        }
        var fileName = Path.GetFileName(form.ProofFileName.Trim());
        if (proof.Length > ExemptionProof.MaxBytes || ExemptionProof.ContentTypeOf(proof) is not { } contentType)
        {
            return UserError.Validation("exemption.proof-type", fileName);
        }
        var certificate = new ExemptionCertificate
        {
            AccountId = accountId.Value,
            Kind = entry.Kind,
            Number = entry.Number.Trim(),
            Taxes = ExemptionCertificate.Codes(entry.Taxes),
            Provinces = ExemptionCertificate.Codes(entry.Provinces),
            ValidFrom = entry.ValidFrom,
            ValidUntil = entry.ValidUntil,
            Reserve = entry.Kind == ExemptionKind.IndianAct ? entry.Reserve!.Trim() : null,
            Proof = proof,
            ProofContentType = contentType,
            ProofFileName = fileName.Length > 200 ? fileName[^200..] : fileName,
            RecordedByStaffId = audit.CurrentStaffId,
            RecordedAt = clock.UtcNow,
        };
        return await db.InTransactionAsync<ExemptionCertificate>(async () =>
        {
            db.ExemptionCertificates.Add(certificate);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("exemption.add", $"account {customerNumber}", null, Described(certificate), cancellationToken);
            return certificate;
        }, cancellationToken);
    }

    /// <summary>The customer's exemption ended: the certificate relieves nothing after <paramref name="lastDay"/>. Documents already issued keep what it relieved.</summary>
    public async Task<Outcome<DateOnly>> EndAsync(string customerNumber, long certificateId, DateOnly? lastDay, CancellationToken cancellationToken)
    {
        var certificate = await Of(customerNumber, certificateId).AsNoTracking()
            .Select(c => new { c.Id, c.Number, c.ValidFrom, c.ValidUntil, c.EndedAt }).SingleOrDefaultAsync(cancellationToken);
        if (certificate is null)
        {
            return UserError.NotFound("exemption.not-found");
        }
        if (certificate.EndedAt is not null)
        {
            return UserError.Conflict("exemption.ended", certificate.ValidUntil!.Value);
        }
        var end = lastDay ?? clock.Today;
        if (end < certificate.ValidFrom.AddDays(-1) || end > certificate.ValidUntil)
        {
            return UserError.Validation("exemption.end-date", certificate.ValidFrom.AddDays(-1));
        }
        var staffId = audit.CurrentStaffId;
        var now = clock.UtcNow;
        return await db.InTransactionAsync<DateOnly>(async () =>
        {
            await db.ExemptionCertificates.Where(c => c.Id == certificate.Id).ExecuteUpdateAsync(c => c
                .SetProperty(x => x.ValidUntil, end)
                .SetProperty(x => x.EndedAt, now)
                .SetProperty(x => x.EndedByStaffId, staffId), cancellationToken);
            await audit.RecordAsync("exemption.end", $"account {customerNumber}",
                new { certificate.Number, certificate.ValidUntil }, new { certificate.Number, ValidUntil = end }, cancellationToken);
            return end;
        }, cancellationToken);
    }

    /// <summary>The scanned document, as it was uploaded; each viewing is in the audit log (it may show a person's status card).</summary>
    public async Task<(byte[] Content, string ContentType, string FileName)?> ProofAsync(string customerNumber, long certificateId, CancellationToken cancellationToken)
    {
        var proof = await Of(customerNumber, certificateId).AsNoTracking()
            .Select(c => new { c.Number, c.Proof, c.ProofContentType, c.ProofFileName }).SingleOrDefaultAsync(cancellationToken);
        if (proof is null)
        {
            return null;
        }
        await audit.RecordAsync("exemption.proof", $"account {customerNumber}", null, new { proof.Number, proof.ProofFileName }, cancellationToken);
        return (proof.Proof, proof.ProofContentType, proof.ProofFileName);
    }

    private IQueryable<ExemptionCertificate> Of(string customerNumber, long certificateId) =>
        db.ExemptionCertificates.Where(c => c.Id == certificateId && db.Accounts.Any(a => a.Id == c.AccountId && a.CustomerNumber == customerNumber));

    /// <summary>The form read into a certificate to check. Unknown taxes or provinces are left out, so "none ticked" says so.</summary>
    private static UserError? Read(ExemptionCertificateForm form, out ExemptionCertificateEntry? entry)
    {
        entry = null;
        if (!Enum.TryParse<ExemptionKind>(form.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(form.Kind, out _))
        {
            return UserError.Validation("exemption.kind");
        }
        if (form.ValidFrom is not { } validFrom)
        {
            return UserError.Validation("exemption.dates");
        }
        var taxes = form.Taxes.Select(t => Enum.TryParse<TaxKind>(t, ignoreCase: true, out var tax) && Enum.IsDefined(tax) && !int.TryParse(t, out _) ? tax : (TaxKind?)null)
            .OfType<TaxKind>().ToHashSet();
        var provinces = form.Provinces.Select(p => p.Length == 2 && Enum.TryParse<Province>(p, ignoreCase: true, out var province) ? province : (Province?)null)
            .OfType<Province>().ToHashSet();
        entry = new ExemptionCertificateEntry(kind, form.Number ?? "", taxes, provinces, validFrom, form.ValidUntil, form.Reserve);
        return null;
    }

    /// <summary>The domain names taxes by code; the message names them in the reader's language (the French one first, then the English one).</summary>
    private static UserError ToUserError(ExemptionProblem problem) =>
        problem.Arguments is [var first, .. var rest] && Enum.TryParse<TaxKind>(first, ignoreCase: true, out var tax)
            ? UserError.Validation(problem.Code, [TaxNames.Of(tax, Language.Fr), TaxNames.Of(tax, Language.En), .. rest])
            : UserError.Validation(problem.Code, [.. problem.Arguments]);

    private static object Described(ExemptionCertificate c) =>
        new { c.Number, Kind = c.Kind.ToString(), c.Taxes, c.Provinces, c.ValidFrom, c.ValidUntil, c.Reserve, Proof = $"{c.ProofFileName} ({c.Proof.Length} bytes)" };
}
