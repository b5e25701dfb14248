using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using System.Text;
using Facturo.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Platform;

/// <summary>The one place a user error becomes an RFC 9457 problem, in the caller's language.</summary>
public static class ApiProblems
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult From(UserError error, HttpContext http)
    {
        var language = LanguageOf(http);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = error.Status,
            Type = $"https://facturo.example/problems/{error.Code}",
            Title = error.Message(language),
            Extensions = { ["code"] = error.Code },
        });
    }

    /// <summary>French when the caller prefers French (Accept-Language fr or fr-CA), English otherwise.</summary>
    public static Language LanguageOf(HttpContext http)
    {
        var accept = http.Request.GetTypedHeaders().AcceptLanguage;
        var preferred = accept.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred is not null && preferred.Value.Value?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true ? Language.Fr : Language.En;
    }
}
