using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Wire;

namespace Gateway.Host.Bench.Baseline
{
    /// <summary>
    /// The link-version-1 (COBS) incremental frame decoder, kept only so the benchmarks compare old and new framing.
    /// The incremental frame decoder of one byte stream. Feed it input in chunks of any size (one byte included);
    /// it undoes COBS as the bytes arrive, straight into one preallocated frame buffer, and judges the frame at its
    /// 0x00 delimiter. Three outcomes per call: need more input, a dropped frame with a typed reason, or a frame.
    /// <list type="bullet">
    /// <item>Resynchronisation: every 0x00 ends a frame, so garbage or a lost byte costs at most the frames it touches.</item>
    /// <item>Limits: a frame whose decoded length would pass <see cref="MaxBody"/> + 20 is discarded byte by byte
    /// up to its delimiter and reported once as <see cref="FrameDropReason.Oversize"/>; nothing past the limit is buffered.</item>
    /// <item>Empty frames (two delimiters in a row) are idle fill, not drops.</item>
    /// <item>No allocation after construction.</item>
    /// </list>
    /// </summary>
    public sealed class CobsFrameDecoder
    {
        private const int CodeNoZero = Cobs.MaxCode;

        private readonly byte[] buffer;
        private readonly int[] drops = new int[FrameDropReasons.Count];
        private readonly FrameHeader header = new FrameHeader();
        private int maxBody;
        private int limit;

        // COBS state of the frame being received.
        private int length;
        private int blockCode;
        private int blockLeft;
        private bool zeroPending;
        private bool inFrame;
        private bool discarding;

        private FrameDecodeStatus status;
        private FrameDropReason dropReason;
        private int bodyLength;
        private int frames;

        /// <summary>Creates a decoder whose buffer holds a frame with a body of up to <paramref name="capacityBody"/> bytes.</summary>
        public CobsFrameDecoder(int capacityBody)
        {
            if (capacityBody < 0)
            {
                throw new ArgumentOutOfRangeException("capacityBody");
            }

            buffer = new byte[LinkLimits.FrameLength(capacityBody)];
            CapacityBody = capacityBody;
            MaxBody = capacityBody;
        }

        /// <summary>The largest body the buffer can hold (fixed at construction).</summary>
        public int CapacityBody { get; private set; }

        /// <summary>
        /// The largest body accepted now (the negotiated maximum); at most <see cref="CapacityBody"/>. A change applies
        /// from the next frame on.
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
                limit = LinkLimits.FrameLength(value);
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

        /// <summary>The decoded frame: header at 0, body at <see cref="FrameHeader.Size"/>. Valid until the next Feed.</summary>
        public byte[] Buffer
        {
            get { return buffer; }
        }

        public int BodyOffset
        {
            get { return FrameHeader.Size; }
        }

        public int BodyLength
        {
            get { return bodyLength; }
        }

        /// <summary>
        /// Decoded bytes of the frame still arriving (0 between frames): a receiver can tell that a long frame is on
        /// its way before its delimiter comes.
        /// </summary>
        public int PartialLength
        {
            get { return length; }
        }

        /// <summary>Frames decoded whole since construction.</summary>
        public int FramesDecoded
        {
            get { return frames; }
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

        /// <summary>Forgets a partly received frame (e.g. when a stream is reattached). Counts are kept.</summary>
        public void Reset()
        {
            StartFrame();
            status = FrameDecodeStatus.NeedMore;
            dropReason = FrameDropReason.None;
        }

        /// <summary>
        /// Consumes input up to and including the delimiter of the first frame that completes or is dropped, and
        /// returns the number of bytes consumed. Call again with the rest. <see cref="Status"/> tells the outcome.
        /// </summary>
        public int Feed(byte[] data, int offset, int count)
        {
            status = FrameDecodeStatus.NeedMore;
            dropReason = FrameDropReason.None;
            int i = 0;
            while (i < count)
            {
                byte b = data[offset + i];
                i++;
                if (b == CobsFrameEncoder.Delimiter)
                {
                    if (EndFrame())
                    {
                        return i;
                    }

                    continue;
                }

                inFrame = true;
                if (discarding)
                {
                    continue;
                }

                if (blockLeft == 0)
                {
                    // A code byte: the previous block's implied zero becomes real now that more follows.
                    if (zeroPending && !Append(0))
                    {
                        continue;
                    }

                    blockCode = b;
                    blockLeft = b - 1;
                    zeroPending = blockLeft == 0 && blockCode != CodeNoZero;
                }
                else
                {
                    if (!Append(b))
                    {
                        continue;
                    }

                    blockLeft--;
                    zeroPending = blockLeft == 0 && blockCode != CodeNoZero;
                }
            }

            return count;
        }

        private bool Append(byte b)
        {
            if (length >= limit)
            {
                discarding = true;
                return false;
            }

            buffer[length++] = b;
            return true;
        }

        /// <summary>Judges the frame at a delimiter; false for an empty frame (nothing to report).</summary>
        private bool EndFrame()
        {
            if (!inFrame)
            {
                return false;
            }

            FrameDropReason reason = Judge();
            StartFrame();
            if (reason == FrameDropReason.None)
            {
                frames++;
                status = FrameDecodeStatus.Frame;
            }
            else
            {
                drops[(int)reason]++;
                status = FrameDecodeStatus.Dropped;
                dropReason = reason;
            }

            return true;
        }

        private FrameDropReason Judge()
        {
            if (discarding)
            {
                return FrameDropReason.Oversize;
            }

            if (blockLeft != 0)
            {
                return FrameDropReason.Header;
            }

            if (length < LinkLimits.FrameOverhead)
            {
                return FrameDropReason.Short;
            }

            int covered = length - FrameHeader.CrcSize;
            if (Crc32.Compute(buffer, 0, covered) != LittleEndian.ReadU32(buffer, covered))
            {
                return FrameDropReason.Crc;
            }

            header.Read(buffer, 0);
            bodyLength = covered - FrameHeader.Size;
            if (header.Version != 1 && header.Version != LinkLimits.Version)
            {
                return FrameDropReason.BadVersion;
            }

            return FrameDropReason.None;
        }

        private void StartFrame()
        {
            length = 0;
            blockCode = 0;
            blockLeft = 0;
            zeroPending = false;
            inFrame = false;
            discarding = false;
        }
    }
}
