using System.Diagnostics;

namespace Facturo.Platform;

/// <summary>
/// Anonymous forms whose answer must not tell, by how long it took, which way the request went (an address registered or
/// not, an account on the portal or not): the answer waits until a floor that the slowest way stays under.
/// </summary>
public static class EvenAnswers
{
    public static async Task<T> AtLeastAsync<T>(TimeSpan floor, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        // Real elapsed time, not the biller's clock: this pads the answer, it decides nothing.
        var started = Stopwatch.GetTimestamp();
        var result = await work();
        var remaining = floor - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
        return result;
    }
}
