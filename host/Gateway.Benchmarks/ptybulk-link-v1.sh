#!/usr/bin/env bash
# The "before" side of the bulk read over a pty (hardware-docs/performance.md §1.1): the same sequence of
# host/Gateway.Host.Bench/BulkRead.cs run against the last commit with link version 1 (COBS framing), using that
# commit's own host libraries and its own gateway-emulated --pty.
#
#   host/Gateway.Benchmarks/ptybulk-link-v1.sh [MiB] [pty|tcp|in-process ...]     (default: 32 pty tcp in-process)
#
# It checks the old commit out as a detached worktree (kept for the next run; `git worktree remove --force DIR`
# when done), writes a throwaway console project into it that compiles this checkout's bulk-read files (BulkRead,
# its settings and result, CountingStream, and Gateway.Host.Targets/Child: how the board app is started) against the
# old libraries, with two shims for what the old commit lacks, and prints the same rows as `dotnet run -c Release
# --project host/Gateway.Benchmarks -- ptybulk`. Nothing of it is committed; run the two alternately on one machine.
set -euo pipefail
# de1549d: the last commit of main's first-parent line before link version 2 (45c7dda, the 'frame' branch) arrived
# with the merge e61d877.
LINK_V1_COMMIT=de1549d
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${PTYBULK_V1_DIR:-${TMPDIR:-/tmp}/gateway-link-v1}
if [ ! -d "$dir" ]; then
  git -C "$repo" worktree add --detach "$dir" "$LINK_V1_COMMIT" >&2
fi
git -C "$dir" checkout -q --detach "$LINK_V1_COMMIT"
grep -q 'Version = 1;' "$dir/firmware/Gateway.Protocol/Link/LinkLimits.cs" || { echo "$dir is not link version 1" >&2; exit 1; }

app="$dir/host/LinkV1Bulk"
mkdir -p "$app"
bench="$repo/host/Gateway.Host.Bench"
child="$repo/host/Gateway.Host.Targets/Child"
cat > "$app/LinkV1Bulk.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <RootNamespace>Gateway.Host.Bench</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../Gateway.Host.Bench/Gateway.Host.Bench.csproj" />
    <ProjectReference Include="../../firmware/Gateway.Board.Emulated.App/Gateway.Board.Emulated.App.csproj" />
  </ItemGroup>
  <ItemGroup>
    <Compile Include="$bench/BulkRead.cs;$bench/BulkPattern.cs;$bench/BulkReadTransport.cs;$bench/PtyBulkSettings.cs;$bench/PtyBulkResult.cs;$bench/CountingStream.cs;$child/*.cs" />
  </ItemGroup>
</Project>
EOF

cat > "$app/Shims.cs" <<'EOF'
// What the bulk-read files use that the link-v1 commit does not have yet.
using System;
using System.IO;

namespace Gateway.Transports.Desktop.Streams
{
    public abstract class UnseekableStream : Stream
    {
        public sealed override bool CanSeek => false;
        public sealed override long Length => throw new NotSupportedException();
        public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public sealed override void SetLength(long value) => throw new NotSupportedException();
    }
}

namespace Gateway.Host.Targets
{
    public static class DotnetHost
    {
        public static string Path { get; } = Environment.ProcessPath is { } p && System.IO.Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
    }
}
EOF

cat > "$app/Program.cs" <<'EOF'
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Gateway.Board.Emulated;
using Gateway.Host.Bench;
using Gateway.Host.Link;
using Gateway.Host.Memory;
using Gateway.Host.Targets.Child;
using Gateway.Protocol.Link;
using Gateway.Transports.Desktop.InMemory;
using Gateway.Transports.Desktop.Serial;
using Gateway.Transports.Desktop.Tcp;
using static Gateway.Protocol.Desktop.QnxRequests;

long mib = 32;
var transports = new List<BulkReadTransport>();
foreach (string a in args)
{
    if (long.TryParse(a, out long n)) { mib = n; }
    else { transports.Add(a switch { "pty" => BulkReadTransport.Pty, "tcp" => BulkReadTransport.Tcp, "in-process" => BulkReadTransport.InProcess, _ => throw new ArgumentException(a) }); }
}

if (transports.Count == 0) { transports.AddRange(new[] { BulkReadTransport.Pty, BulkReadTransport.Tcp, BulkReadTransport.InProcess }); }
Console.WriteLine("| transport (link v1) | data | MiB | MiB/s | mean µs | p50 µs | p99 µs | host→board B | board→host B | wire ÷ payload | pieces / reply | retransmits |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var transport in transports)
{
    var settings = new PtyBulkSettings { Transport = transport, TotalBytes = mib << 20 };
    var owned = new List<IDisposable>();
    Stream stream;
    if (transport == BulkReadTransport.InProcess)
    {
        var board = new EmulatedBoard(new EmulatedBoardOptions());
        owned.Add(board);
        var pipe = new InMemoryPipe();
        board.ServeInBackground(pipe.Board, "bulk-board");
        stream = pipe.Host;
    }
    else
    {
        var child = new EmulatedBoardChild(new EmulatedBoardChildOptions { Tcp = transport == BulkReadTransport.Tcp });
        owned.Add(child);
        string address = await child.StartAsync();
        int colon = address.LastIndexOf(':');
        stream = transport == BulkReadTransport.Tcp
            ? await TcpTransport.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture))
            : SerialPortStream.Open(address, new SerialSettings { BaudRate = 3_000_000 });
    }

    var wire = new CountingStream(stream);
    var client = await LinkClient.ConnectAsync(wire, BenchRig.LinkOptions(LinkLimits.DesktopBody, 8));
    var mm = new MemoryManager(new LinkChannel(client));
    await mm.StartAsync();
    var root = await mm.SpawnAsync(2, Cred(0, 0));
    foreach (var r in await BulkRead.RunAsync(client, root, wire, settings))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Transport} | {r.Pattern} | {r.BytesRead >> 20} | {r.MiBPerSecond:0.0} | {r.MeanMicroseconds:0} | {r.P50Microseconds:0} | {r.P99Microseconds:0} | {r.HostToBoardBytes} | {r.BoardToHostBytes} | {r.WirePerPayload:0.0000} | {r.PiecesPerReply:0.0} | {r.Retransmits} |"));
    }

    await client.DisposeAsync();
    owned.Reverse();
    owned.ForEach(d => d.Dispose());
}
EOF

dotnet build -c Release "$app/LinkV1Bulk.csproj" -v q -nologo >&2
dotnet "$app/bin/Release/net10.0/LinkV1Bulk.dll" "$@"
