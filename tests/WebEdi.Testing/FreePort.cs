using System.Net;
using System.Net.Sockets;

namespace WebEdi.Testing;

/// <summary>Hands out loopback TCP ports for the private servers.</summary>
public static class FreePort
{
    // Ports come from below the kernel's ephemeral range: a port taken from inside it could be
    // grabbed by any outgoing connection between our check and the server binding it.
    private const int LowestPort = 20000;
    private const int FallbackEphemeralStart = 32768;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A port on 127.0.0.1 that nothing listens on right now and that this process has not handed
    /// out before (servers started in parallel may not have bound their earlier ports yet).
    /// </summary>
    public static int Next()
    {
        var highestPort = EphemeralRangeStart() - 1;
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, highestPort + 1);
            lock (Gate)
            {
                if (HandedOut.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException(
            $"No free loopback port found between {LowestPort} and {highestPort} after 500 attempts.");
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(range[0], System.Globalization.CultureInfo.InvariantCulture, out var start)
                && start > LowestPort + 1000)
            {
                return start;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return FallbackEphemeralStart;
    }
}
