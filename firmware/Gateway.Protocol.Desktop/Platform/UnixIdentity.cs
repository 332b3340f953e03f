using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>
/// The Unix identities an error message needs to name (Linux): who owns a file, who this process runs as, which
/// groups it holds, and the names of users and groups. Used to turn a bare "permission denied" into the fix
/// (a chown, a group to join).
/// </summary>
public static class UnixIdentity
{
    private const int AtFdCwd = -100;
    private const uint StatxMode = 0x002;
    private const uint StatxUid = 0x008;
    private const uint StatxGid = 0x010;

    // struct statx (include/uapi/linux/stat.h), the fields read here; 256 bytes in all.
    //  0x14 u32 stx_uid
    //  0x18 u32 stx_gid
    //  0x1C u16 stx_mode
    private const int StatxSize = 256;
    private const int UidOffset = 0x14;
    private const int GidOffset = 0x18;
    private const int ModeOffset = 0x1C;

    /// <summary>The owner, group and permission bits of <paramref name="path"/> (links followed), or null when it cannot be read.</summary>
    public static FileOwnership? Ownership(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        if (statx(AtFdCwd, path, 0, StatxMode | StatxUid | StatxGid, buffer) != 0)
        {
            return null;
        }

        uint uid = BitConverter.ToUInt32(buffer, UidOffset);
        uint gid = BitConverter.ToUInt32(buffer, GidOffset);
        ushort mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return new FileOwnership(uid, gid, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUid => OperatingSystem.IsLinux() ? geteuid() : 0;

    /// <summary>The supplementary groups of this process (<c>/proc/self/status</c>, "Groups:"); empty when unknown.</summary>
    public static IReadOnlyList<uint> CurrentGroups()
    {
        var groups = new List<uint>();
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("Groups:", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (string id in line["Groups:".Length..].Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
                    {
                        groups.Add(gid);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc: the caller names the group without saying whether we hold it.
        }

        return groups;
    }

    /// <summary>"name (uid N)" from /etc/passwd, or "uid N" when the user is not listed there.</summary>
    public static string DescribeUser(uint uid) => Describe("/etc/passwd", uid, "uid");

    /// <summary>"name (gid N)" from /etc/group, or "gid N" when the group is not listed there.</summary>
    public static string DescribeGroup(uint gid) => Describe("/etc/group", gid, "gid");

    /// <summary>The name of <paramref name="id"/> in a passwd- or group-format file (name:x:id:…), or null.</summary>
    public static string? NameOf(string accountsFile, uint id)
    {
        try
        {
            foreach (string line in File.ReadLines(accountsFile))
            {
                string[] fields = line.Split(':');
                if (fields.Length > 2 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint n) && n == id)
                {
                    return fields[0];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Accounts served only by NSS (LDAP, systemd-homed): fall back to the number.
        }

        return null;
    }

    private static string Describe(string file, uint id, string kind)
    {
        string? name = NameOf(file, id);
        return name == null ? $"{kind} {id}" : $"{name} ({kind} {id})";
    }

    // glibc ≥ 2.28. struct statx has one layout on every architecture, unlike struct stat. DllImport rather than
    // LibraryImport: this project has no unsafe code for the generated stubs.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();
}
