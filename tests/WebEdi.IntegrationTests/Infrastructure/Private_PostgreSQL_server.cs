using Npgsql;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Infrastructure;

/// <summary>The PostgreSQL every integration test shares: real, private, and one empty database per caller.</summary>
public sealed class Private_PostgreSQL_server
{
    [Fact]
    public async Task Accepts_connections_to_a_fresh_database()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync("infrastructure");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "create table delivery_note (id serial primary key, title text not null)");
        await using (var insert = new NpgsqlCommand("insert into delivery_note (title) values (@title)", connection))
        {
            insert.Parameters.AddWithValue("title", "納品書 No.001");
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = new NpgsqlCommand("select title from delivery_note", connection);
        Assert.Equal("納品書 No.001", await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Gives_each_caller_a_separate_empty_database()
    {
        var server = await PostgresServer.SharedAsync();
        var first = await server.CreateDatabaseAsync("infrastructure");
        var second = await server.CreateDatabaseAsync("infrastructure");

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "create table purchase_order (id int primary key)");
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = 'public'", other);
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
