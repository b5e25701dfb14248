using Facturo.Api;
using System.Net.Http.Json;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Facturo.Infrastructure;

/// <summary>
/// Each test gets its own database and the real Facturo host listening on 127.0.0.1, with a clock the
/// test moves. Derived classes pick the provider, so every scenario runs on SQLite and PostgreSQL.
/// </summary>
public abstract class FacturoTest(DatabaseProvider provider) : IAsyncLifetime
{
    public const string ApiKeyValue = "test-integration-key";

    protected DatabaseProvider Provider { get; } = provider;
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 15, 15, 0, 0, TimeSpan.Zero));
    protected TestDatabase Database { get; private set; } = null!;
    protected WebApplication App { get; private set; } = null!;
    protected HttpClient Api { get; private set; } = null!;
    protected Uri BaseAddress { get; private set; } = null!;
    protected string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "facturo-tests", $"mail-{Guid.NewGuid():N}");

    /// <summary>Configuration a test class needs on top of the defaults; later values win.</summary>
    protected virtual IEnumerable<string> MoreHostArgs => [];

    /// <summary>Services a test class swaps for its own (a card processor that waits, for example), after the host's.</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        App = FacturoWeb.Build(
            // A test host is neither Production (no HTTPS redirect, no start-up checks) nor Development (no /dev pages).
            ["--environment=Test", $"--Database:Provider={Provider}", $"--Database:ConnectionString={Database.Options.ConnectionString}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", $"--Email:PickupDirectory={MailFolder}", "--Email:PollInterval=01:00:00", $"--DataProtection:KeyDirectory={Path.Combine(MailFolder, "keys")}", "--BankFiles:Schedule=", "--SalesLeads:Schedule=", "--ExemptionNotices:Schedule=", .. MoreHostArgs],
            builder =>
            {
                builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                ReplaceServices(builder.Services);
            });
        await using (var db = Database.NewContext())
        {
            await Migrator.MigrateAsync(db, CancellationToken.None);
            db.BillerSettings.Add(TestBiller());
            db.Add(new ApiKey { Name = "tests", KeyHash = ApiKey.Hash(ApiKeyValue), CreatedAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKeyValue);
    }

    /// <summary>An HTTP client carrying a new key with only these scopes, limited to these accounts when any are given.</summary>
    protected async Task<HttpClient> ApiClientWithKeyAsync(IEnumerable<ApiScope> scopes, params string[] customerNumbers)
    {
        var value = $"test-key-{Guid.NewGuid():N}";
        await using (var db = Database.NewContext())
        {
            db.Add(new ApiKey
            {
                Name = "limited",
                KeyHash = ApiKey.Hash(value),
                CreatedAt = Clock.GetUtcNow(),
                Scopes = string.Join(' ', scopes.Select(s => s.ToCode())),
                CustomerNumbers = customerNumbers.Length == 0 ? null : string.Join(' ', customerNumbers),
            });
            await db.SaveChangesAsync();
        }
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", value);
        return client;
    }

    /// <summary>The biller every test bills for, with the bank identities the bank-file tests read back.</summary>
    protected static BillerSettings TestBiller() => new()
    {
        LegalName = "Postes Test",
        LegalNameEn = "Postes Test",
        AddressLine1 = "1 Test Street",
        City = "Ottawa",
        Province = Province.ON,
        PostalCode = "K1A 0B1",
        GstHstNumber = "123456789 RT0001",
        QstNumber = "1234567890 TQ0001",
        SupportPhone = "1-800-267-7651",
        SupportEmail = "support@test.example",
        Cpa005OriginatorId = "0123456789",
        Cpa005ShortName = "FACTURO POST",
        Cpa005LongName = "Postes Facturo / Facturo Post",
        Cpa005DataCentre = "00310",
        Cpa005ReturnInstitution = "815",
        Cpa005ReturnTransit = "30800",
        Cpa005ReturnAccount = "100200300",
        NachaImmediateDestination = "011000015",
        NachaDestinationName = "FEDERAL RESERVE BANK",
        NachaImmediateOrigin = "011000015",
        NachaOriginName = "FACTURO POST",
        NachaCompanyName = "FACTURO POST",
        NachaCompanyIdentification = "1234567890",
        NachaOriginatingDfi = "011000015",
    };

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }

    protected async Task<CustomerAccount> AddAccountAsync(string number, BillingProgram program = BillingProgram.Commercial, Province province = Province.ON,
        int creditTermsDays = 30, DeliveryPreference delivery = DeliveryPreference.Electronic, Language language = Language.En, string currencyCode = "CAD",
        PostalAddress? address = null)
    {
        await using var db = Database.NewContext();
        var account = new CustomerAccount
        {
            CustomerNumber = number,
            LegalName = $"Customer {number}",
            AddressLine1 = "1 Main Street",
            City = "Ottawa",
            Region = province.ToString(),
            PostalCode = "K1A 0B1",
            Language = language,
            Program = program,
            CurrencyCode = currencyCode,
            CreditTermsDays = creditTermsDays,
            Delivery = delivery,
            Status = AccountStatus.Active,
            BillingEmail = $"billing@{number}.example",
            CreatedAt = Clock.GetUtcNow(),
        };
        if (address is not null)
        {
            account.MoveTo(address);
        }
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>An address as staff would type it, checked as the back office checks it.</summary>
    protected static PostalAddress Address(string line1, string city, string country, string region, string postalCode)
    {
        Assert.True(PostalAddress.TryCreate(line1, null, city, country, region, postalCode, out var address, out var problem), problem);
        return address;
    }

    protected Task<HttpResponseMessage> PlaceOrderAsync(string customerNumber, string paymentMethod = "OnAccount", decimal unitPrice = 100m, decimal quantity = 1, string? language = null, string? reference = null,
        string category = "Shipping")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new
            {
                customerNumber,
                channel = "ShippingTool",
                paymentMethod,
                externalReference = reference,
                lines = new[] { new { category, description = category == "Lease" ? "Postage meter lease" : "Expedited Parcel", quantity, unitPrice = unitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) } },
            }),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return Api.SendAsync(request);
    }

    /// <summary>Runs a service from the app's container in its own scope, as a request or the command line would.</summary>
    protected async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected void MoveClockTo(int year, int month, int day) =>
        Clock.SetUtcNow(new DateTimeOffset(year, month, day, 15, 0, 0, TimeSpan.Zero));
}
