using Facturo.Data;
using Facturo.Emails;
using Facturo.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturo.Portal;

public static class PortalRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddScoped<EmailOutbox>();
        services.AddScoped<RequeueEmails>();
        services.AddSingleton<EmailMetrics>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailDispatcher>());
        services.AddScoped<Invitations>();
        services.AddScoped<PortalAccess>();
        services.AddSingleton<PortalChrome>();
        services.AddScoped<PasswordRecovery>();
        services.AddScoped<TwoStepVerification>();
        services.AddScoped<EnterpriseUsers>();
        services.AddScoped<AccessRequests>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<AdministratorEmails>();
        services.AddScoped<SupportQuestions>();
        services.AddScoped<Payments.BankAccounts>();
        services.AddScoped<Payments.SubmitPayment>();
        services.AddSingleton<Payments.BankAccountNumbers>();
        services.AddScoped<Payments.ReencryptAccountNumbers>();
        services.AddSingleton<Payments.BankFileContents>();
        services.AddScoped<Payments.DebitBatches>();
        services.AddScoped<Payments.LeaseDebits>();
        services.AddScoped<Payments.Receipts>();
        services.AddScoped<Payments.PaymentReturns>();
        services.AddScoped<Payments.PaymentSettlement>();
        Payments.BankExchangeRegistration.AddBankExchange(services, configuration);
        services.AddOptions<Payments.BankFileOptions>().Bind(configuration.GetSection(Payments.BankFileOptions.Section));
        services.AddOptions<Staff.SalesLeadOptions>().Bind(configuration.GetSection(Staff.SalesLeadOptions.Section));
        Platform.Schedules.Add(services, configuration);
        services.AddKeyRing(configuration);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<FacturoDbContext>()
            .AddUserStore<PortalUserStore>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            // Registered under Identity's authenticator name, so sign-in checks codes with Facturo's one TOTP.
            .AddTokenProvider<PortalAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        // The one password policy (Passwords/) instead of Identity's composition rules.
        services.AddScoped<Passwords.PasswordPolicy>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<PortalUser>, Passwords.PortalPasswordValidator>());
        services.AddScoped<KnownBrowsers>();
        services.AddScoped<AccountNotices>();
        services.AddSingleton<DecoyQuestions>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            cookie.Cookie.Name = "facturo-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Lifetime and time-outs are the server-side session's: Platform/ServerSessions.cs.
        });
        // Sessions are ended at once through their rows; a security stamp changed any other way still ends them within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        services.AddPortalRateLimits();
        return services;
    }
}
