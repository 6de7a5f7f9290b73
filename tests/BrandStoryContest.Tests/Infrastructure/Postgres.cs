using Npgsql;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server test.sh starts (its connection string in BSC_TEST_POSTGRES). Each test makes
/// its own database on it and drops it afterwards; without the variable those tests are skipped.
/// </summary>
public static class Postgres
{
    public static string? Server =>
        Environment.GetEnvironmentVariable("BSC_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Server ?? throw new InvalidOperationException("BSC_TEST_POSTGRES is not set.");
        var name = "bsc_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The settings that switch an in-process app (<see cref="AppFactory.Overrides"/>) to this database.</summary>
    public static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Contest"] = connectionString,
    };
}

/// <summary>A fact that needs PostgreSQL: skipped, not failed, where test.sh could not start one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Postgres.Server is null) Skip = "No PostgreSQL for this run: BSC_TEST_POSTGRES is not set (test.sh starts one).";
    }
}
