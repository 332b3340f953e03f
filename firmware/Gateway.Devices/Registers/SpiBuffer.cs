using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;

namespace Gateway.Devices.Registers
{
    /// <summary>
    /// /dev/spi0/buf: the SPI transfer RAM, 8192 bytes — TX at 0–4095, RX at 4096–8191 — served with a custom
    /// mmap handler through the ext helper (<see cref="IoFunc.MmapExt"/>), the way a QNX driver adds its own
    /// work around <c>iofunc_mmap_ext()</c>: every check comes from the helper, and on success the buffer
    /// counts which halves are mapped (for /fw/map's readers and the conformance suite's device checks).
    /// </summary>
    public sealed class SpiBuffer
    {
        public const int TxOffset = 0;
        public const int RxOffset = 4096;
        public const int HalfSize = 4096;
        public const int Size = 8192;

        public readonly byte[] Data = new byte[Size];
        private readonly IoMmapReplyExt reply = new IoMmapReplyExt();

        /// <summary>Successful mappings that cover some of the TX half, and of the RX half.</summary>
        public int TxMappings;
        public int RxMappings;

        public void Attach(ResourceAttr attr)
        {
            attr.Data = Data;
            attr.Size = Size;
            attr.FixedSize = true;
            attr.Device = this;
            attr.MmapReply = MmapReplyKind.Extended;
            attr.Funcs.Mmap = Mmap;
        }

        private int Mmap(ResmgrContext ctp, IoMmapRequest msg, Ocb ocb)
        {
            ResourceAttr attr = ocb.Attr;
            int e = IoFunc.MmapExt(ctp, msg, ocb, attr, attr.MmapFlags, ctp.Rm.FormFor(attr), reply);
            if (e != Errno.EOK)
            {
                return e;
            }

            ulong start = msg.Offset;
            ulong length = msg.RequiredProt == 0 || msg.RequestedLen == 0 ? (ulong)Size - start : msg.RequestedLen;
            if (start < RxOffset)
            {
                TxMappings++;
            }

            if (start + length > RxOffset)
            {
                RxMappings++;
            }

            return ctp.SetBody(reply.Encode(ctp.Body, ctp.BodyOffset));
        }
    }
}
