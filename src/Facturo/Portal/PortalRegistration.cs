using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Portal;

public static class PortalRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailDispatcher>());
        services.AddScoped<Invitations>();
        services.AddScoped<PortalAccess>();
        services.AddSingleton<PortalChrome>();
        services.AddScoped<PasswordRecovery>();
        services.AddScoped<EnterpriseUsers>();
        services.AddScoped<SupportQuestions>();
        services.AddScoped<Payments.BankAccounts>();
        services.AddScoped<Payments.SubmitPayment>();
        services.AddSingleton<Payments.BankAccountNumbers>();
        services.AddSingleton<Payments.BankFileContents>();
        services.AddScoped<Payments.DebitBatches>();
        services.AddScoped<Payments.LeaseDebits>();
        services.AddScoped<Payments.Receipts>();
        services.AddScoped<Payments.PaymentReturns>();
        services.AddScoped<Payments.PaymentSettlement>();
        services.AddOptions<Payments.BankFileOptions>().Bind(configuration.GetSection(Payments.BankFileOptions.Section));
        services.AddOptions<Staff.SalesLeadOptions>().Bind(configuration.GetSection(Staff.SalesLeadOptions.Section));
        Platform.Schedules.Add(services, configuration);
        services.AddKeyRing(configuration);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<FacturoDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            cookie.Cookie.Name = "facturo-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // "Sign out everywhere" changes the security stamp; other sessions notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        services.AddPortalRateLimits();
        return services;
    }
}
