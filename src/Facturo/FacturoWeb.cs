using Facturo.Api;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.DemoData;
using Facturo.Orders;
using Facturo.Platform;
using Facturo.Portal;

namespace Facturo;

/// <summary>Builds the one host: portal pages, the REST API and the services the command line shares.</summary>
public static class FacturoWeb
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        DataDirectory.Settle(builder.Configuration, builder.Environment);
        // Not in appsettings.json, where it would win over ASPNETCORE_URLS: the default only when nothing else says where to listen.
        if (new[] { "urls", "http_ports", "https_ports" }.All(setting => string.IsNullOrEmpty(builder.Configuration[setting])))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }
        builder.Services.AddFacturo(builder.Configuration);
        builder.Services.AddHttpsAndProxies(builder.Configuration, builder.Environment);
        customize?.Invoke(builder);
        var app = builder.Build();
        app.UseHttpsAndProxies();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePagesWithApiProblems();
        app.UseDevelopmentPagesForThisMachineOnly();
        app.UseAuthentication();
        app.UsePortalLanguage();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseIdempotentBodies();
        app.MapRazorPages();
        PortalDocuments.Map(app);
        app.MapApiDocument();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<ApiWrites>().RequireRateLimiting(ApiRateLimits.Policy);
        PlaceOrder.Map(api);
        OrdersApi.Map(api);
        AccountsApi.Map(api);
        InvoicesApi.Map(api);
        Payments.RecordPayment.Map(api);
        Payments.PaymentViews.Map(api);
        BillRunsApi.Map(api);
        CreditNotesApi.Map(api);
        StatementsApi.Map(api);
        Events.EventsApi.Map(api);
        return app;
    }

    public static IServiceCollection AddFacturo(this IServiceCollection services, IConfiguration configuration)
    {
        // In Production it checks, before any service starts, that nothing unsafe is about to be served.
        services.AddSingleton<ProductionReadiness>();
        services.AddHostedService(provider => provider.GetRequiredService<ProductionReadiness>());
        services.AddProblemDetails();
        services.AddApiErrors();
        // Named explicitly: under a test host the entry assembly is not Facturo, and its pages would not be found.
        services.AddRazorPages(pages =>
            {
                // Every back-office page needs a staff sign-in with its second step; a portal session never counts.
                pages.Conventions.AuthorizeFolder("/Admin", Staff.StaffAuth.StaffPolicy);
                pages.Conventions.AllowAnonymousToPage("/Admin/SignIn");
                pages.Conventions.AllowAnonymousToPage("/Admin/Denied");
                pages.Conventions.AllowAnonymousToPage("/Admin/TwoStep");
                pages.Conventions.AllowAnonymousToPage("/Admin/SignOut");
                // Reached from the emailed link by someone who has no password yet.
                pages.Conventions.AllowAnonymousToPage("/Admin/SetPassword");
            })
            .AddApplicationPart(typeof(FacturoWeb).Assembly);
        services.AddHttpContextAccessor();
        services.AddApiDocument();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BillerClock>();
        services.AddPortal(configuration);
        Staff.StaffAuth.AddStaff(services);
        services.AddServerSessions(configuration);
        services.AddFacturoDatabase(configuration);
        // Relative folders in the settings are in the data directory, whatever folder Facturo was started from.
        services.PostConfigure<Emails.EmailOptions>(email => email.PickupDirectory = email.PickupDirectory is { Length: > 0 } folder ? DataDirectory.Resolve(configuration, folder) : null);
        services.PostConfigure<Payments.BankFileOptions>(bankFiles => bankFiles.OutboxDirectory = DataDirectory.Resolve(configuration, bankFiles.OutboxDirectory));
        services.AddScoped<ApiKeyFilter>();
        services.AddScoped<ApiWrites>();
        services.AddScoped<IssueApiKey>();
        services.AddApiRateLimits();
        services.AddScoped<PlaceOrder>();
        services.AddScoped<ChangeBillerSettings>();
        services.AddAccountAdministration();
        // The only processor wired in: a sandbox. A real one implements ICardGateway and replaces it.
        services.AddSingleton<Payments.ICardGateway, Payments.SandboxCardGateway>();
        services.AddScoped<IssueCreditNote>();
        services.AddScoped<Payments.RecordPayment>();
        services.AddScoped<BillRunner>();
        services.AddSingleton<RequestedBillRuns>();
        services.AddHostedService(provider => provider.GetRequiredService<RequestedBillRuns>());
        services.AddScoped<Events.EventLog>();
        services.AddScoped<Webhooks.WebhookEndpoints>();
        services.AddOptions<Webhooks.WebhookOptions>().Bind(configuration.GetSection(Webhooks.WebhookOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Timeout > TimeSpan.Zero, "Webhooks:PollInterval and Webhooks:Timeout must be positive.").ValidateOnStart();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddHostedService(provider => provider.GetRequiredService<Webhooks.WebhookSender>());
        services.AddScoped<Taxes.BillerTaxes>();
        services.AddScoped<Taxes.OverrideTaxability>();
        services.AddScoped<Taxes.ExemptionCertificates>();
        services.AddScoped<Taxes.ExemptionExpiryNotices>();
        services.AddScoped<InvoiceReadyNotifier>();
        services.AddScoped<InvoicePdfEmails>();
        services.AddScoped<InvoicesToPrint>();
        services.AddScoped<UnreachedCustomers>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DemoSecrets>();
        services.AddScoped<SizingDataLoader>();
        services.AddScoped<SizingDebitsLoader>();
        return services;
    }
}
