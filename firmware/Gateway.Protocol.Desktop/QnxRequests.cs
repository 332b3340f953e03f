using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.Protocol.Desktop;

/// <summary>
/// QNX request builders for the host, encoded with the board codecs (which have their own golden-vector tests).
/// Host code: one allocation per message is fine here.
/// </summary>
public static class QnxRequests
{
    public static byte[] Connect(string path, uint oflag, ushort subtype = ConnectSubtype.Open, ushort sflag = 0, uint mode = 0, byte[]? extra = null)
    {
        var c = new IoConnect { Subtype = subtype, Ioflag = OpenFlags.ToIoFlag(oflag), Mode = mode, Sflag = sflag };
        c.Access = (ushort)(c.Ioflag & OpenFlags.IoFlagMask);
        var p = Encoding.ASCII.GetBytes(path);
        var buf = new byte[IoConnect.ExtraStart(p.Length + 1) + (extra?.Length ?? 0) + 8];
        int n = c.Encode(buf, 0, p, 0, p.Length, extra ?? Array.Empty<byte>(), 0, extra?.Length ?? 0);
        return buf[..n];
    }

    public static byte[] Read(uint nbytes, long? offset = null, ushort combineFlag = 0)
    {
        var r = new IoRead();
        r.Set(nbytes, offset.HasValue, offset ?? 0);
        r.CombineLen |= combineFlag;
        var buf = new byte[r.HeaderSize];
        r.Encode(buf, 0);
        return buf;
    }

    public static byte[] Write(byte[] data, long? offset = null)
    {
        var w = new IoWrite();
        w.Set((uint)data.Length, offset.HasValue, offset ?? 0);
        var buf = new byte[w.HeaderSize + data.Length];
        w.Encode(buf, 0, data, 0);
        return buf;
    }

    public static byte[] WriteWord(uint value, long offset) => Write(BitConverter.GetBytes(value), offset);

    public static byte[] Lseek(long offset, short whence, ushort combineFlag = 0)
    {
        var l = new IoLseek { Offset = offset, Whence = whence };
        l.CombineLen |= combineFlag;
        var buf = new byte[IoLseek.Size];
        l.Encode(buf, 0);
        return buf;
    }

    public static byte[] StatRequest(uint format)
    {
        var s = new IoStatRequest { Format = format };
        var buf = new byte[IoStatRequest.Size];
        s.Encode(buf, 0);
        return buf;
    }

    public static byte[] Devctl(int dcmd)
    {
        var d = new IoDevctl { Dcmd = dcmd };
        var buf = new byte[IoDevctl.Size];
        d.Encode(buf, 0);
        return buf;
    }

    public static byte[] Sync()
    {
        var buf = new byte[IoSync.Size];
        new IoSync().Encode(buf, 0);
        return buf;
    }

    public static byte[] Close()
    {
        var buf = new byte[IoClose.Size];
        new IoClose().Encode(buf, 0);
        return buf;
    }

    public static byte[] Mmap(int clientPid, int clientFd, uint prot, uint requiredProt, ulong offset, ulong length, bool bits64 = true)
    {
        var m = new IoMmapRequest { Prot = prot, RequiredProt = requiredProt, Offset = offset, RequestedLen = length };
        m.Info.Pid = clientPid;
        m.Info.Coid = clientFd;
        m.Info.Flags = (short)(bits64 ? MsgInfoFlags.Bits64 : 0);
        var buf = new byte[IoMmapRequest.Size];
        m.Encode(buf, 0);
        return buf;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var list = new List<byte>();
        foreach (var p in parts)
        {
            list.AddRange(p);
        }

        return list.ToArray();
    }

    public static CredInfo Cred(int uid, int gid, params int[] groups)
    {
        var c = new CredInfo { Ruid = uid, Euid = uid, Suid = uid, Rgid = gid, Egid = gid, Sgid = gid, Ngroups = (uint)groups.Length };
        for (int i = 0; i < groups.Length; i++)
        {
            c.Grouplist[i] = groups[i];
        }

        return c;
    }
}
