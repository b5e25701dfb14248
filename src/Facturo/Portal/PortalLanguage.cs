using Facturo.Accounts;

namespace Facturo.Portal;

/// <summary>
/// Decides each request's language: the switch on the page (?lang=fr, remembered in a cookie), then the
/// signed-in person's preference, then the browser's Accept-Language. English when nothing says French.
/// </summary>
public static class PortalLanguage
{
    public const string CookieName = "facturo-lang";
    private const string ItemKey = "facturo:language";

    public static Language Of(HttpContext http) => http.Items[ItemKey] is Language language ? language : Language.En;

    public static IApplicationBuilder UsePortalLanguage(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        Language language;
        if (LanguageCodes.TryParse(http.Request.Query["lang"], out var chosen))
        {
            language = chosen;
            http.Response.Cookies.Append(CookieName, chosen.ToCode(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        }
        else if (LanguageCodes.TryParse(http.Request.Cookies[CookieName], out var remembered))
        {
            language = remembered;
        }
        else
        {
            language = http.User.PreferredLanguage() ?? Platform.ApiProblems.LanguageOf(http);
        }
        http.Items[ItemKey] = language;
        await next(http);
    });
}
