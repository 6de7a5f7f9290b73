using System.Diagnostics;

namespace BrandStoryContest.Bench;

public static class Processes
{
    /// <summary>Runs a command to its end (bounded by <paramref name="timeout"/>) and returns its standard output.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, bool check = true, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{file} took longer than {timeout}"); }
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>Median wall time of <paramref name="runs"/> runs.</summary>
    public static async Task<double> MedianMsAsync(int runs, Func<Task> action)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
