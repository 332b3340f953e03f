using Gateway.Protocol.Qnx;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Messages
{
    /// <summary>
    /// The QNX stat forms (<c>sys/stat.h</c>): <c>__stat_t32_2001</c> (72 bytes), <c>__stat_t32_2008</c> (96)
    /// and <c>__stat_t64_2008</c> (120). One object holds the widest content; <see cref="Encode"/> and
    /// <see cref="Decode"/> take the form. qnx-messages.md.
    /// <code>
    ///  off size type field                          off size type field
    ///   0   8   u64  st_ino                          40   4   u32  st_ctime (2008: __old_st_ctime)
    ///   8   8   i64  st_size                         44   4   u32  st_mode
    ///  16   4   u32  st_dev                          48   4   u32  st_nlink
    ///  20   4   u32  st_rdev                         52   4   u32  st_blocksize
    ///  24   4   i32  st_uid                          56   4   i32  st_nblocks
    ///  28   4   i32  st_gid                          60   4   u32  st_blksize
    ///  32   4   u32  st_mtime (2008: __old_st_mtime) 64   8   u64  st_blocks
    ///  36   4   u32  st_atime (2008: __old_st_atime)
    ///  T32_2008: 72 st_mtim {u32 sec, i32 nsec}, 80 st_atim, 88 st_ctim               → 96
    ///  T64_2008: 72 st_mtim {i64 sec, i64 nsec}, 88 st_atim, 104 st_ctim              → 120
    /// </code>
    /// </summary>
    public sealed class Stat
    {
        public const int OffIno = 0;
        public const int OffSize = 8;
        public const int OffDev = 16;
        public const int OffRdev = 20;
        public const int OffUid = 24;
        public const int OffGid = 28;
        public const int OffMtime = 32;
        public const int OffAtime = 36;
        public const int OffCtime = 40;
        public const int OffMode = 44;
        public const int OffNlink = 48;
        public const int OffBlocksize = 52;
        public const int OffNblocks = 56;
        public const int OffBlksize = 60;
        public const int OffBlocks = 64;
        public const int OffTimespecs = 72;
        public const int Timespec32Size = 8;
        public const int Timespec64Size = 16;

        public ulong Ino;
        public long Size;
        public uint Dev;
        public uint Rdev;
        public int Uid;
        public int Gid;
        /// <summary>The 32-bit (unsigned) seconds: <c>st_mtime</c> in T32_2001, <c>__old_st_mtime</c> in the 2008 forms.</summary>
        public uint Mtime;
        public uint Atime;
        public uint Ctime;
        public uint Mode;
        public uint Nlink;
        public uint Blocksize;
        public int Nblocks;
        public uint Blksize;
        public ulong Blocks;
        /// <summary>The 2008 forms' timespecs (T32_2008 carries u32 seconds and i32 nanoseconds).</summary>
        public long MtimSec;
        public long MtimNsec;
        public long AtimSec;
        public long AtimNsec;
        public long CtimSec;
        public long CtimNsec;

        public void Clear()
        {
            Ino = 0; Size = 0; Dev = 0; Rdev = 0; Uid = 0; Gid = 0; Mtime = 0; Atime = 0; Ctime = 0;
            Mode = 0; Nlink = 0; Blocksize = 0; Nblocks = 0; Blksize = 0; Blocks = 0;
            MtimSec = 0; MtimNsec = 0; AtimSec = 0; AtimNsec = 0; CtimSec = 0; CtimNsec = 0;
        }

        public void CopyFrom(Stat s)
        {
            Ino = s.Ino; Size = s.Size; Dev = s.Dev; Rdev = s.Rdev; Uid = s.Uid; Gid = s.Gid;
            Mtime = s.Mtime; Atime = s.Atime; Ctime = s.Ctime; Mode = s.Mode; Nlink = s.Nlink;
            Blocksize = s.Blocksize; Nblocks = s.Nblocks; Blksize = s.Blksize; Blocks = s.Blocks;
            MtimSec = s.MtimSec; MtimNsec = s.MtimNsec; AtimSec = s.AtimSec; AtimNsec = s.AtimNsec;
            CtimSec = s.CtimSec; CtimNsec = s.CtimNsec;
        }

        /// <summary>Decodes <paramref name="form"/> from at least its size in bytes.</summary>
        public DecodeError Decode(byte[] b, int o, int count, int form)
        {
            int size = StatForm.SizeOf(form);
            if (size == 0)
            {
                return DecodeError.FormMismatch;
            }

            if (count < size || !Codec.Fits(b, o, size))
            {
                return DecodeError.Truncated;
            }

            Ino = LittleEndian.ReadU64(b, o + OffIno);
            Size = LittleEndian.ReadI64(b, o + OffSize);
            Dev = LittleEndian.ReadU32(b, o + OffDev);
            Rdev = LittleEndian.ReadU32(b, o + OffRdev);
            Uid = LittleEndian.ReadI32(b, o + OffUid);
            Gid = LittleEndian.ReadI32(b, o + OffGid);
            Mtime = LittleEndian.ReadU32(b, o + OffMtime);
            Atime = LittleEndian.ReadU32(b, o + OffAtime);
            Ctime = LittleEndian.ReadU32(b, o + OffCtime);
            Mode = LittleEndian.ReadU32(b, o + OffMode);
            Nlink = LittleEndian.ReadU32(b, o + OffNlink);
            Blocksize = LittleEndian.ReadU32(b, o + OffBlocksize);
            Nblocks = LittleEndian.ReadI32(b, o + OffNblocks);
            Blksize = LittleEndian.ReadU32(b, o + OffBlksize);
            Blocks = LittleEndian.ReadU64(b, o + OffBlocks);
            int t = o + OffTimespecs;
            if (form == StatForm.T32_2008)
            {
                MtimSec = LittleEndian.ReadU32(b, t); MtimNsec = LittleEndian.ReadI32(b, t + 4);
                AtimSec = LittleEndian.ReadU32(b, t + 8); AtimNsec = LittleEndian.ReadI32(b, t + 12);
                CtimSec = LittleEndian.ReadU32(b, t + 16); CtimNsec = LittleEndian.ReadI32(b, t + 20);
            }
            else if (form == StatForm.T64_2008)
            {
                MtimSec = LittleEndian.ReadI64(b, t); MtimNsec = LittleEndian.ReadI64(b, t + 8);
                AtimSec = LittleEndian.ReadI64(b, t + 16); AtimNsec = LittleEndian.ReadI64(b, t + 24);
                CtimSec = LittleEndian.ReadI64(b, t + 32); CtimNsec = LittleEndian.ReadI64(b, t + 40);
            }
            else
            {
                MtimSec = Mtime; MtimNsec = 0; AtimSec = Atime; AtimNsec = 0; CtimSec = Ctime; CtimNsec = 0;
            }

            return DecodeError.None;
        }

        /// <summary>Decodes a stat body whose form is given by its exact size (MM-5: 72, 96 or 120).</summary>
        public DecodeError DecodeBySize(byte[] b, int o, int count, out int form)
        {
            form = StatForm.FromSize(count);
            if (form == StatForm.Unset)
            {
                return DecodeError.FormMismatch;
            }

            return Decode(b, o, count, form);
        }

        /// <summary>Encodes the stat in <paramref name="form"/>; returns the form's size.</summary>
        public int Encode(byte[] b, int o, int form)
        {
            int size = StatForm.SizeOf(form);
            if (size == 0)
            {
                throw new System.ArgumentException("unknown stat form");
            }

            Codec.CheckSpace(b, o, size);
            LittleEndian.WriteU64(b, o + OffIno, Ino);
            LittleEndian.WriteI64(b, o + OffSize, Size);
            LittleEndian.WriteU32(b, o + OffDev, Dev);
            LittleEndian.WriteU32(b, o + OffRdev, Rdev);
            LittleEndian.WriteI32(b, o + OffUid, Uid);
            LittleEndian.WriteI32(b, o + OffGid, Gid);
            LittleEndian.WriteU32(b, o + OffMtime, Mtime);
            LittleEndian.WriteU32(b, o + OffAtime, Atime);
            LittleEndian.WriteU32(b, o + OffCtime, Ctime);
            LittleEndian.WriteU32(b, o + OffMode, Mode);
            LittleEndian.WriteU32(b, o + OffNlink, Nlink);
            LittleEndian.WriteU32(b, o + OffBlocksize, Blocksize);
            LittleEndian.WriteI32(b, o + OffNblocks, Nblocks);
            LittleEndian.WriteU32(b, o + OffBlksize, Blksize);
            LittleEndian.WriteU64(b, o + OffBlocks, Blocks);
            int t = o + OffTimespecs;
            if (form == StatForm.T32_2008)
            {
                LittleEndian.WriteU32(b, t, (uint)MtimSec); LittleEndian.WriteI32(b, t + 4, (int)MtimNsec);
                LittleEndian.WriteU32(b, t + 8, (uint)AtimSec); LittleEndian.WriteI32(b, t + 12, (int)AtimNsec);
                LittleEndian.WriteU32(b, t + 16, (uint)CtimSec); LittleEndian.WriteI32(b, t + 20, (int)CtimNsec);
            }
            else if (form == StatForm.T64_2008)
            {
                LittleEndian.WriteI64(b, t, MtimSec); LittleEndian.WriteI64(b, t + 8, MtimNsec);
                LittleEndian.WriteI64(b, t + 16, AtimSec); LittleEndian.WriteI64(b, t + 24, AtimNsec);
                LittleEndian.WriteI64(b, t + 32, CtimSec); LittleEndian.WriteI64(b, t + 40, CtimNsec);
            }

            return size;
        }
    }
}
