namespace Gateway.Protocol.Link
{
    /// <summary>
    /// A reply being built: an error (QNX errno, no body) or a success with a status (<c>_RESMGR_STATUS</c>,
    /// e.g. bytes read or written) and a body. The body buffer is owned by the link and preallocated to the
    /// negotiated frame size; handlers write at <see cref="BodyOffset"/> and never past <see cref="Capacity"/>.
    /// </summary>
    public sealed class Reply
    {
        public readonly byte[] Buffer;
        public readonly int BodyOffset;
        public readonly int Capacity;

        /// <summary>The number of body bytes written.</summary>
        public int Length;
        public bool IsError;

        /// <summary>The status on success, the errno on error.</summary>
        public int Value;

        public Reply(byte[] buffer, int bodyOffset, int capacity)
        {
            Buffer = buffer;
            BodyOffset = bodyOffset;
            Capacity = capacity;
        }

        public void Reset()
        {
            Length = 0;
            IsError = false;
            Value = 0;
        }

        public void SetError(int errno)
        {
            Length = 0;
            IsError = true;
            Value = errno;
        }

        public void SetStatus(int status, int bodyLength)
        {
            IsError = false;
            Value = status;
            Length = bodyLength;
        }
    }
}
