using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.DemoData;

public sealed record SizingDataProgress(int Accounts, int Charges);

/// <summary>
/// Many commercial accounts with on-account charges in one period, for sizing a server before going
/// live and for the bill-run benchmark and crash test. Loads only into a database without accounts, and bills for the
/// biller set up there; only when asked does it load the demo biller (a made-up GST/HST number and bank identity) first.
/// </summary>
public sealed class SizingDataLoader(FacturoDbContext db, BillerClock clock)
{
    private const int AccountsPerTransaction = 2_000;
    private static readonly Province[] Provinces = Enum.GetValues<Province>();

    /// <summary>Where US-dollar accounts are: US businesses, billed with no Canadian tax on services.</summary>
    private static readonly (string City, string State, string Zip)[] UsCities =
        [("Buffalo", "NY", "14202"), ("Chicago", "IL", "60601"), ("Seattle", "WA", "98101"), ("Boston", "MA", "02108"), ("Houston", "TX", "77002"), ("Detroit", "MI", "48226")];

    public async Task<Outcome<SizingDataProgress>> LoadAsync(int accountCount, int chargesPerAccount, BillingPeriod period, Currency currency, bool demoBiller,
        IProgress<SizingDataProgress>? progress, CancellationToken cancellationToken)
    {
        if (await db.Accounts.AnyAsync(cancellationToken))
        {
            return UserError.Validation("sizing.database-not-empty");
        }
        if (!await db.BillerSettings.AnyAsync(cancellationToken))
        {
            if (!demoBiller)
            {
                return UserError.Conflict("sizing.no-biller");
            }
            db.BillerSettings.Add(DemoDataSeeder.DemoBiller());
            await db.SaveChangesAsync(cancellationToken);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.UtcNow;
        var loaded = new SizingDataProgress(0, 0);
        for (var first = 0; first < accountCount; first += AccountsPerTransaction)
        {
            var count = Math.Min(AccountsPerTransaction, accountCount - first);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var accounts = Enumerable.Range(first, count).Select(n => NewAccount(n, currency, now)).ToList();
            db.Accounts.AddRange(accounts);
            await db.SaveChangesAsync(cancellationToken);
            db.Charges.AddRange(accounts.SelectMany(a => Enumerable.Range(0, chargesPerAccount).Select(c => NewCharge(a, c, period, now))));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            loaded = new SizingDataProgress(loaded.Accounts + count, loaded.Charges + count * chargesPerAccount);
            progress?.Report(loaded);
        }
        return loaded;
    }

    private static CustomerAccount NewAccount(int n, Currency currency, DateTimeOffset now)
    {
        var account = NewCanadianAccount(n, currency, now);
        if (currency == Currency.Usd)
        {
            var (city, state, zip) = UsCities[n % UsCities.Length];
            (account.City, account.Country, account.Region, account.PostalCode) = (city, PostalAddress.UnitedStates, state, zip);
        }
        return account;
    }

    private static CustomerAccount NewCanadianAccount(int n, Currency currency, DateTimeOffset now) => new()
    {
        CurrencyCode = currency.Code,
        CustomerNumber = $"1{n:D9}",
        LegalName = $"Sizing Customer {n}",
        AddressLine1 = $"{n % 9_000 + 1} Main Street",
        City = "Ottawa",
        Region = Provinces[n % Provinces.Length].ToString(),
        PostalCode = "K1A 0B1",
        Language = n % 4 == 0 ? Language.Fr : Language.En,
        Delivery = n % 10 == 0 ? DeliveryPreference.Paper : DeliveryPreference.Electronic,
        Program = BillingProgram.Commercial,
        CreditTermsDays = n % 3 == 0 ? 15 : 30,
        Status = AccountStatus.Active,
        BillingEmail = $"billing+{n}@sizing.example",
        CreatedAt = now,
    };

    private static Charge NewCharge(CustomerAccount account, int n, BillingPeriod period, DateTimeOffset now)
    {
        var (category, description, unitPriceCents) = (n % 3) switch
        {
            0 => (ChargeCategory.Shipping, "Expedited Parcel / Colis accélérés", 1895L),
            1 => (ChargeCategory.Shipping, "Priority / Prioritaire", 3450L),
            _ => (ChargeCategory.DirectMail, "Neighbourhood Mail / Courrier de quartier", 23L),
        };
        var quantity = category == ChargeCategory.DirectMail ? 500 + n : 1 + n % 5;
        return new Charge
        {
            AccountId = account.Id,
            Category = category,
            Description = description,
            Quantity = quantity,
            UnitPriceCents = unitPriceCents,
            AmountCents = InvoiceGenerator.LineAmount(new Money(unitPriceCents, account.Currency), quantity).Cents,
            CurrencyCode = account.CurrencyCode,
            ServiceDate = period.FirstDay.AddDays(n % period.LastDay.Day),
            CreatedAt = now,
        };
    }
}
