using System.Globalization;
using Facturo.Billers;
using Facturo.Data;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

/// <summary>The biller's details as an administrator types them at /admin/settings, or a settings file gives them to `facturo setup`.</summary>
public sealed class BillerSettingsForm
{
    public string? LegalNameFr { get; set; }
    public string? LegalNameEn { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Province { get; set; }
    public string? PostalCode { get; set; }
    public string? GstHstNumber { get; set; }
    public string? QstNumber { get; set; }
    public string? SupportPhone { get; set; }
    public string? SupportEmail { get; set; }
    public string? SupportHoursFr { get; set; }
    public string? SupportHoursEn { get; set; }
    public int? DefaultCreditTermsDays { get; set; } = 30;
    /// <summary>Dollars and cents as typed in the reader's language ("5,00" or "5.00"); 0 for none.</summary>
    public string? PaperFee { get; set; } = "5.00";
    public bool PaperFeeForLackOfEmail { get; set; }
    public string? TimeZone { get; set; } = BillerSettings.DefaultTimeZone;
    public string? EligiblePrefixes { get; set; } = "1";
    public string? IneligiblePrefixes { get; set; } = "9";
    public Cpa005Form Cpa005 { get; set; } = new();
    public NachaForm Nacha { get; set; } = new();

    public static BillerSettingsForm Of(BillerSettings biller, Language language) => new()
    {
        LegalNameFr = biller.LegalName,
        LegalNameEn = biller.LegalNameEn,
        AddressLine1 = biller.AddressLine1,
        AddressLine2 = biller.AddressLine2,
        City = biller.City,
        Province = biller.Province?.ToString(),
        PostalCode = biller.PostalCode,
        GstHstNumber = biller.GstHstNumber,
        QstNumber = biller.QstNumber,
        SupportPhone = biller.SupportPhone,
        SupportEmail = biller.SupportEmail,
        SupportHoursFr = biller.SupportHoursFr,
        SupportHoursEn = biller.SupportHoursEn,
        DefaultCreditTermsDays = biller.DefaultCreditTermsDays,
        PaperFee = (biller.PaperFeeCents / 100m).ToString("0.00", Cultures.For(language)),
        PaperFeeForLackOfEmail = biller.PaperFeeForLackOfEmail,
        TimeZone = biller.TimeZone,
        EligiblePrefixes = biller.EligiblePrefixes,
        IneligiblePrefixes = biller.IneligiblePrefixes,
        Cpa005 = new Cpa005Form
        {
            OriginatorId = biller.Cpa005OriginatorId,
            ShortName = biller.Cpa005ShortName,
            LongName = biller.Cpa005LongName,
            DataCentre = biller.Cpa005DataCentre,
            ReturnInstitution = biller.Cpa005ReturnInstitution,
            ReturnTransit = biller.Cpa005ReturnTransit,
            ReturnAccount = biller.Cpa005ReturnAccount,
            NextFileCreationNumber = biller.Cpa005NextFileCreationNumber,
        },
        Nacha = new NachaForm
        {
            ImmediateDestination = biller.NachaImmediateDestination,
            DestinationName = biller.NachaDestinationName,
            ImmediateOrigin = biller.NachaImmediateOrigin,
            OriginName = biller.NachaOriginName,
            CompanyName = biller.NachaCompanyName,
            CompanyIdentification = biller.NachaCompanyIdentification,
            OriginatingDfi = biller.NachaOriginatingDfi,
        },
    };

    /// <summary>
    /// Every problem in the form, in the reader's language (all of them at once, so a person fixes them in one go);
    /// when there is none, the values as they are kept.
    /// </summary>
    public IReadOnlyList<UserError> Problems(Language language, out CheckedBillerSettings? values)
    {
        values = null;
        var details = new BillerDetails(LegalNameFr, LegalNameEn, AddressLine1, AddressLine2, City, Province, PostalCode, GstHstNumber, QstNumber,
            SupportPhone, SupportEmail, SupportHoursFr, SupportHoursEn, DefaultCreditTermsDays, EligiblePrefixes, IneligiblePrefixes);
        var problems = details.Check(out var written).Select(p => UserError.Validation($"settings.{p}", TypedFor(p))).ToList();
        var paperFee = Money.TryParse(PaperFee, Currency.Cad, Cultures.For(language));
        if (paperFee.Refusal is not (null or AmountRefusal.Zero))
        {
            problems.Add(UserError.Validation("settings.PaperFee", PaperFee?.Trim() ?? ""));
        }
        var timeZone = TimeZone?.Trim() ?? "";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) || !zone.HasIanaId)
        {
            problems.Add(UserError.Validation("settings.TimeZone", timeZone));
        }
        var canadian = Cpa005.Identity;
        Cpa005Identity? cpa005 = null;
        if (!canadian.IsBlank)
        {
            problems.AddRange(canadian.Check(out var checkedCpa005).Select(BankProblem));
            cpa005 = checkedCpa005;
        }
        if (!Payments.Cpa005Identity.IsFileCreationNumber(Cpa005.NextFileCreationNumber))
        {
            problems.Add(BankProblem(BankIdentityProblem.FileCreationNumber));
        }
        var american = Nacha.Identity;
        NachaIdentity? nacha = null;
        if (!american.IsBlank)
        {
            problems.AddRange(american.Check(out var checkedNacha).Select(BankProblem));
            nacha = checkedNacha;
        }
        if (problems.Count == 0)
        {
            values = new CheckedBillerSettings(written, paperFee.Value.Cents, timeZone, cpa005, Cpa005.NextFileCreationNumber!.Value, nacha) { PaperFeeForLackOfEmail = PaperFeeForLackOfEmail };
        }
        return problems;
    }

    private static UserError BankProblem(BankIdentityProblem problem) => UserError.Validation($"settings.bank.{problem}");

    /// <summary>What the person typed, quoted back in the messages that name a value.</summary>
    private string TypedFor(BillerProblem problem) => (problem switch
    {
        BillerProblem.PostalCode => PostalCode,
        BillerProblem.GstHstNumberFormat or BillerProblem.GstHstNumberCheckDigit => GstHstNumber,
        BillerProblem.QstNumberFormat => QstNumber,
        BillerProblem.SupportPhone => SupportPhone,
        BillerProblem.SupportEmail => SupportEmail,
        _ => null,
    })?.Trim() ?? "";
}

public sealed class Cpa005Form
{
    public string? OriginatorId { get; set; }
    public string? ShortName { get; set; }
    public string? LongName { get; set; }
    public string? DataCentre { get; set; }
    public string? ReturnInstitution { get; set; }
    public string? ReturnTransit { get; set; }
    public string? ReturnAccount { get; set; }
    public int? NextFileCreationNumber { get; set; } = 1;

    public Cpa005Identity Identity => new(OriginatorId, ShortName, LongName, DataCentre, ReturnInstitution, ReturnTransit, ReturnAccount);
}

public sealed class NachaForm
{
    public string? ImmediateDestination { get; set; }
    public string? DestinationName { get; set; }
    public string? ImmediateOrigin { get; set; }
    public string? OriginName { get; set; }
    public string? CompanyName { get; set; }
    public string? CompanyIdentification { get; set; }
    public string? OriginatingDfi { get; set; }

    public NachaIdentity Identity => new(ImmediateDestination, DestinationName, ImmediateOrigin, OriginName, CompanyName, CompanyIdentification, OriginatingDfi);
}

/// <summary>The biller's details once every one is checked, written the one way they are kept. A bank identity left blank is not set.</summary>
public sealed record CheckedBillerSettings(BillerDetails Details, long PaperFeeCents, string TimeZone, Cpa005Identity? Cpa005, int NextFileCreationNumber, NachaIdentity? Nacha)
{
    public bool PaperFeeForLackOfEmail { get; init; }

    public BillerSettings WriteTo(BillerSettings biller)
    {
        biller.LegalName = Details.LegalNameFr!;
        biller.LegalNameEn = Details.LegalNameEn!;
        biller.AddressLine1 = Details.AddressLine1!;
        biller.AddressLine2 = Details.AddressLine2;
        biller.City = Details.City!;
        biller.Province = Enum.Parse<Province>(Details.Province!);
        biller.PostalCode = Details.PostalCode!;
        biller.GstHstNumber = Details.GstHstNumber!;
        biller.QstNumber = Details.QstNumber;
        biller.SupportPhone = Details.SupportPhone!;
        biller.SupportEmail = Details.SupportEmail!;
        biller.SupportHoursFr = Details.SupportHoursFr;
        biller.SupportHoursEn = Details.SupportHoursEn;
        biller.DefaultCreditTermsDays = Details.DefaultCreditTermsDays!.Value;
        biller.EligiblePrefixes = Details.EligiblePrefixes!;
        biller.IneligiblePrefixes = Details.IneligiblePrefixes!;
        biller.PaperFeeCents = PaperFeeCents;
        biller.PaperFeeForLackOfEmail = PaperFeeForLackOfEmail;
        biller.TimeZone = TimeZone;
        (biller.Cpa005OriginatorId, biller.Cpa005ShortName, biller.Cpa005LongName, biller.Cpa005DataCentre, biller.Cpa005ReturnInstitution, biller.Cpa005ReturnTransit, biller.Cpa005ReturnAccount) =
            (Cpa005?.OriginatorId, Cpa005?.ShortName, Cpa005?.LongName, Cpa005?.DataCentre, Cpa005?.ReturnInstitution, Cpa005?.ReturnTransit, Cpa005?.ReturnAccount);
        biller.Cpa005NextFileCreationNumber = NextFileCreationNumber;
        (biller.NachaImmediateDestination, biller.NachaDestinationName, biller.NachaImmediateOrigin, biller.NachaOriginName, biller.NachaCompanyName, biller.NachaCompanyIdentification, biller.NachaOriginatingDfi) =
            (Nacha?.ImmediateDestination, Nacha?.DestinationName, Nacha?.ImmediateOrigin, Nacha?.OriginName, Nacha?.CompanyName, Nacha?.CompanyIdentification, Nacha?.OriginatingDfi);
        return biller;
    }

    /// <summary>Every kept value by name, for the audit log's before and after.</summary>
    public static SortedDictionary<string, string?> Snapshot(BillerSettings biller) => new(StringComparer.Ordinal)
    {
        [nameof(BillerSettings.LegalName)] = biller.LegalName,
        [nameof(BillerSettings.LegalNameEn)] = biller.LegalNameEn,
        [nameof(BillerSettings.AddressLine1)] = biller.AddressLine1,
        [nameof(BillerSettings.AddressLine2)] = biller.AddressLine2,
        [nameof(BillerSettings.City)] = biller.City,
        [nameof(BillerSettings.Province)] = biller.Province?.ToString(),
        [nameof(BillerSettings.PostalCode)] = biller.PostalCode,
        [nameof(BillerSettings.GstHstNumber)] = biller.GstHstNumber,
        [nameof(BillerSettings.QstNumber)] = biller.QstNumber,
        [nameof(BillerSettings.SupportPhone)] = biller.SupportPhone,
        [nameof(BillerSettings.SupportEmail)] = biller.SupportEmail,
        [nameof(BillerSettings.SupportHoursFr)] = biller.SupportHoursFr,
        [nameof(BillerSettings.SupportHoursEn)] = biller.SupportHoursEn,
        [nameof(BillerSettings.DefaultCreditTermsDays)] = biller.DefaultCreditTermsDays.ToString(CultureInfo.InvariantCulture),
        [nameof(BillerSettings.PaperFeeCents)] = biller.PaperFeeCents.ToString(CultureInfo.InvariantCulture),
        [nameof(BillerSettings.PaperFeeForLackOfEmail)] = biller.PaperFeeForLackOfEmail ? "true" : "false",
        [nameof(BillerSettings.TimeZone)] = biller.TimeZone,
        [nameof(BillerSettings.EligiblePrefixes)] = biller.EligiblePrefixes,
        [nameof(BillerSettings.IneligiblePrefixes)] = biller.IneligiblePrefixes,
        [nameof(BillerSettings.Cpa005OriginatorId)] = biller.Cpa005OriginatorId,
        [nameof(BillerSettings.Cpa005ShortName)] = biller.Cpa005ShortName,
        [nameof(BillerSettings.Cpa005LongName)] = biller.Cpa005LongName,
        [nameof(BillerSettings.Cpa005DataCentre)] = biller.Cpa005DataCentre,
        [nameof(BillerSettings.Cpa005ReturnInstitution)] = biller.Cpa005ReturnInstitution,
        [nameof(BillerSettings.Cpa005ReturnTransit)] = biller.Cpa005ReturnTransit,
        [nameof(BillerSettings.Cpa005ReturnAccount)] = biller.Cpa005ReturnAccount,
        [nameof(BillerSettings.Cpa005NextFileCreationNumber)] = biller.Cpa005NextFileCreationNumber.ToString(CultureInfo.InvariantCulture),
        [nameof(BillerSettings.NachaImmediateDestination)] = biller.NachaImmediateDestination,
        [nameof(BillerSettings.NachaDestinationName)] = biller.NachaDestinationName,
        [nameof(BillerSettings.NachaImmediateOrigin)] = biller.NachaImmediateOrigin,
        [nameof(BillerSettings.NachaOriginName)] = biller.NachaOriginName,
        [nameof(BillerSettings.NachaCompanyName)] = biller.NachaCompanyName,
        [nameof(BillerSettings.NachaCompanyIdentification)] = biller.NachaCompanyIdentification,
        [nameof(BillerSettings.NachaOriginatingDfi)] = biller.NachaOriginatingDfi,
    };
}

/// <summary>
/// An administrator changes the biller's details at /admin/settings (or enters them the first time, after a setup that
/// made only the administrator). The change and its audit entry, with the values before and after, commit together;
/// a form with any problem changes nothing.
/// </summary>
public sealed class ChangeBillerSettings(FacturoDbContext db, StaffAudit audit, BillerClock clock)
{
    public async Task<Outcome<BillerSettings>> SaveAsync(BillerSettingsForm form, Language language, CancellationToken cancellationToken)
    {
        if (form.Problems(language, out var values) is [var first, ..])
        {
            return first;
        }
        var biller = await db.BillerSettings.SingleOrDefaultAsync(cancellationToken);
        var before = biller is null ? null : CheckedBillerSettings.Snapshot(biller);
        if (biller is null)
        {
            biller = new BillerSettings { LegalName = "", GstHstNumber = "", SupportPhone = "", SupportEmail = "" };
            db.BillerSettings.Add(biller);
        }
        var after = CheckedBillerSettings.Snapshot(values!.WriteTo(biller));
        var changed = after.Keys.Where(k => before is null || before[k] != after[k]).ToList();
        if (changed.Count == 0)
        {
            return biller;
        }
        var saved = await db.InTransactionAsync<BillerSettings>(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(before is null ? "biller.setup" : "biller.settings", "biller settings",
                before is null ? null : changed.ToDictionary(k => k, k => before[k]), changed.ToDictionary(k => k, k => after[k]), cancellationToken);
            return biller;
        }, cancellationToken);
        if (saved.Succeeded)
        {
            clock.UseZone(biller.TimeZone);
        }
        return saved;
    }
}
