using System;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Wire;

namespace Gateway.Protocol.Link
{
    /// <summary>
    /// The incremental frame decoder of one byte stream (link protocol version 2, <see cref="FramePreamble"/>). Feed it
    /// input in chunks of any size (one byte included). Between frames it looks for the marker's first byte with
    /// <c>Array.IndexOf</c>; inside a frame it copies with <c>Array.Copy</c> and checks with two CRC calls — no managed
    /// step per payload byte. Three outcomes per call: need more input, a dropped frame with a typed reason, or a frame.
    /// <list type="bullet">
    /// <item>Resynchronisation: a frame that fails (preamble or frame CRC, a cut tail) is searched again for a marker
    /// from its second byte on, so noise, a lost byte or a truncated frame costs only the frames it touches. A marker in
    /// a body is not a frame unless its preamble CRC checks, and a frame that checks is never searched.</item>
    /// <item>Limits: a preamble announcing more than <see cref="MaxBody"/> + 16 bytes is dropped as
    /// <see cref="FrameDropReason.Oversize"/> before any of its bytes are buffered.</item>
    /// <item>Bytes before a marker (idle fill, noise) are skipped and counted in <see cref="SkippedBytes"/>, not drops.</item>
    /// <item>No allocation after construction.</item>
    /// </list>
    /// A failed frame can leave bytes held that contain further frames, so after a Frame or Dropped outcome the caller
    /// calls Feed again with the rest of its input — even when the rest is empty — until <see cref="Status"/> is
    /// NeedMore.
    /// </summary>
    public sealed class FrameDecoder
    {
        // Examine results.
        private const int NeedInput = 0;
        private const int Outcome = 1;
        private const int Rescan = 2;

        // Boxed once: nanoFramework's Array.IndexOf takes an object (no generics there), and a box per call would
        // allocate per chunk. Its native search (TrySZIndexOf) compares the primitive value.
        private static readonly object Marker0 = FramePreamble.Marker0;

        private readonly byte[] buffer;
        private readonly int[] drops = new int[FrameDropReasons.Count];
        private readonly FrameHeader header = new FrameHeader();
        private readonly ICrc32 crc;
        private int maxBody;

        // The candidate frame: held bytes start at a marker byte (or none are held).
        private int held;
        private int total;      // preamble + header + body + CRC once the preamble checked; 0 before
        private bool unexamined; // held bytes still to search for a marker (after a failed frame)
        private int release;    // bytes to let go at the next Feed (the frame just reported)

        private FrameDecodeStatus status;
        private FrameDropReason dropReason;
        private int bodyLength;
        private int frames;
        private long skipped;

        /// <summary>Creates a decoder with the table CRC.</summary>
        public FrameDecoder(int capacityBody) : this(capacityBody, null)
        {
        }

        /// <summary>
        /// Creates a decoder whose buffer holds a frame with a body of up to <paramref name="capacityBody"/> bytes;
        /// <paramref name="crc"/> null means the table CRC.
        /// </summary>
        public FrameDecoder(int capacityBody, ICrc32 crc)
        {
            if (capacityBody < 0)
            {
                throw new ArgumentOutOfRangeException("capacityBody");
            }

            buffer = new byte[LinkLimits.WireLength(capacityBody)];
            this.crc = crc != null ? crc : TableCrc32.Instance;
            CapacityBody = capacityBody;
            MaxBody = capacityBody;
        }

        /// <summary>The largest body the buffer can hold (fixed at construction).</summary>
        public int CapacityBody { get; private set; }

        /// <summary>
        /// The largest body accepted now (the negotiated maximum); at most <see cref="CapacityBody"/>. A change applies
        /// from the next preamble on.
        /// </summary>
        public int MaxBody
        {
            get
            {
                return maxBody;
            }

            set
            {
                if (value < 0 || value > CapacityBody)
                {
                    throw new ArgumentOutOfRangeException("value");
                }

                maxBody = value;
            }
        }

        /// <summary>The outcome of the last <see cref="Feed"/>.</summary>
        public FrameDecodeStatus Status
        {
            get { return status; }
        }

        /// <summary>Why the last frame was dropped (when <see cref="Status"/> is Dropped).</summary>
        public FrameDropReason DropReason
        {
            get { return dropReason; }
        }

        /// <summary>
        /// The header of the last frame (Status Frame), or of a frame dropped for <see cref="FrameDropReason.BadVersion"/>
        /// (so a HELLO in an unknown version can still be answered).
        /// </summary>
        public FrameHeader Header
        {
            get { return header; }
        }

        /// <summary>The frame as received: header at <see cref="HeaderOffset"/>, body at <see cref="BodyOffset"/>. Valid until the next Feed.</summary>
        public byte[] Buffer
        {
            get { return buffer; }
        }

        public int HeaderOffset
        {
            get { return FramePreamble.Size; }
        }

        public int BodyOffset
        {
            get { return FramePreamble.Size + FrameHeader.Size; }
        }

        public int BodyLength
        {
            get { return bodyLength; }
        }

        /// <summary>
        /// Bytes of a frame still arriving whose preamble has checked (0 between frames): a receiver can tell that a
        /// long frame is on its way before it is whole.
        /// </summary>
        public int PartialLength
        {
            get { return total > 0 && release == 0 ? held - FramePreamble.Size : 0; }
        }

        /// <summary>True while a frame whose preamble checked is still arriving (what <see cref="Expire"/> would drop).</summary>
        public bool InFrame
        {
            get { return total > 0 && release == 0; }
        }

        /// <summary>Frames decoded whole since construction.</summary>
        public int FramesDecoded
        {
            get { return frames; }
        }

        /// <summary>Bytes skipped since construction because no frame started there (idle fill, noise).</summary>
        public long SkippedBytes
        {
            get { return skipped; }
        }

        /// <summary>Frames dropped for <paramref name="reason"/> since construction.</summary>
        public int Dropped(FrameDropReason reason)
        {
            int i = (int)reason;
            return i > 0 && i < drops.Length ? drops[i] : 0;
        }

        /// <summary>Frames dropped for any reason since construction.</summary>
        public int DroppedTotal
        {
            get
            {
                int total = 0;
                for (int i = 1; i < drops.Length; i++)
                {
                    total += drops[i];
                }

                return total;
            }
        }

        /// <summary>Forgets every held byte (e.g. when a stream is reattached). Counts are kept.</summary>
        public void Reset()
        {
            held = 0;
            total = 0;
            release = 0;
            unexamined = false;
            status = FrameDecodeStatus.NeedMore;
            dropReason = FrameDropReason.None;
        }

        /// <summary>
        /// The line went idle: a frame still incomplete will not be completed by its own bytes (its tail was lost).
        /// Drops it as <see cref="FrameDropReason.Truncated"/> (Status Dropped, true) and searches what it held for a
        /// marker, as after any failed frame; false (Status NeedMore) when no preamble had checked: the held bytes (fewer than a
        /// preamble) are skipped as noise.
        /// Call Feed (with no input) afterwards until Status is NeedMore: the held bytes may hold whole frames.
        /// </summary>
        public bool Expire()
        {
            status = FrameDecodeStatus.NeedMore;
            dropReason = FrameDropReason.None;
            if (release > 0)
            {
                LetGo();
            }

            if (unexamined && Settle())
            {
                return true;
            }

            if (total > 0)
            {
                Drop(FrameDropReason.Truncated, 1);
                return true;
            }

            // Fewer bytes than a preamble: noise that began with the marker byte, or a cut preamble.
            skipped += held;
            held = 0;
            return false;
        }

        /// <summary>
        /// Consumes input up to the byte that completes the first frame that passes or is dropped, and returns the
        /// number of bytes consumed (0 when the outcome came from bytes held since an earlier call). Call again with
        /// the rest until Status is NeedMore. <see cref="Status"/> tells the outcome.
        /// </summary>
        public int Feed(byte[] data, int offset, int count)
        {
            status = FrameDecodeStatus.NeedMore;
            dropReason = FrameDropReason.None;
            if (release > 0)
            {
                LetGo();
            }

            if (unexamined && Settle())
            {
                return 0;
            }

            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                if (held == 0)
                {
                    int at = Array.IndexOf(data, Marker0, i, end - i);
                    if (at < 0)
                    {
                        skipped += end - i;
                        return count;
                    }

                    skipped += at - i;
                    i = at;
                }

                int goal = total > 0 ? total : FramePreamble.Size;
                int take = goal - held;
                if (take > end - i)
                {
                    take = end - i;
                }

                Array.Copy(data, i, buffer, held, take);
                held += take;
                i += take;
                if (held < goal)
                {
                    break;
                }

                int r = Examine();
                if (r == Outcome || (r == Rescan && Settle()))
                {
                    return i - offset;
                }
            }

            return count;
        }

        /// <summary>Searches the held bytes for the next marker byte and judges from there; true on an outcome.</summary>
        private bool Settle()
        {
            while (unexamined)
            {
                unexamined = false;
                int at = held > 0 ? Array.IndexOf(buffer, Marker0, 0, held) : -1;
                if (at < 0)
                {
                    skipped += held;
                    held = 0;
                    return false;
                }

                if (at > 0)
                {
                    skipped += at;
                    Shift(at);
                }

                if (held < FramePreamble.Size)
                {
                    return false;
                }

                int r = Examine();
                if (r == Outcome)
                {
                    return true;
                }

                if (r == NeedInput)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Judges the held bytes (at least a preamble): the preamble once, the frame once it is whole.</summary>
        private int Examine()
        {
            if (total == 0)
            {
                if (!FramePreamble.HasMarker(buffer, 0))
                {
                    // Not a marker after all: noise. Search again from the next byte.
                    skipped++;
                    Shift(1);
                    unexamined = true;
                    return Rescan;
                }

                if (!FramePreamble.Checks(buffer, 0, crc))
                {
                    Drop(FrameDropReason.Header, 1);
                    return Outcome;
                }

                uint length = LittleEndian.ReadU32(buffer, FramePreamble.OffLength);
                if (length < FrameHeader.Size)
                {
                    Drop(FrameDropReason.Short, 1);
                    return Outcome;
                }

                if (length > (uint)(FrameHeader.Size + maxBody))
                {
                    // Refused before a byte of it is buffered; what follows is searched like any noise.
                    Drop(FrameDropReason.Oversize, 1);
                    return Outcome;
                }

                total = FramePreamble.Size + (int)length + FrameHeader.CrcSize;
                if (held < total)
                {
                    return NeedInput;
                }
            }

            int covered = total - FramePreamble.Size - FrameHeader.CrcSize;
            if (crc.Compute(buffer, FramePreamble.Size, covered) != LittleEndian.ReadU32(buffer, FramePreamble.Size + covered))
            {
                Drop(FrameDropReason.Crc, 1);
                return Outcome;
            }

            header.Read(buffer, FramePreamble.Size);
            bodyLength = covered - FrameHeader.Size;
            if (header.Version != LinkLimits.Version)
            {
                Drop(FrameDropReason.BadVersion, total);
                return Outcome;
            }

            frames++;
            status = FrameDecodeStatus.Frame;
            release = total;
            return Outcome;
        }

        /// <summary>Reports a drop; <paramref name="letGo"/> bytes go at the next Feed and the rest is searched again.</summary>
        private void Drop(FrameDropReason reason, int letGo)
        {
            drops[(int)reason]++;
            status = FrameDecodeStatus.Dropped;
            dropReason = reason;
            release = letGo;
        }

        private void LetGo()
        {
            Shift(release);
            release = 0;
            total = 0;
            unexamined = held > 0;
        }

        private void Shift(int n)
        {
            if (n >= held)
            {
                held = 0;
                return;
            }

            Array.Copy(buffer, n, buffer, 0, held - n);
            held -= n;
        }
    }
}
