namespace Gateway.Protocol.Link
{
    /// <summary>
    /// A reply being built: an error (QNX errno, no body) or a success with a status (<c>_RESMGR_STATUS</c>,
    /// e.g. bytes read or written) and a body. The body buffer is owned by the link and preallocated to the
    /// board's largest frame; handlers write at <see cref="BodyOffset"/> and never past <see cref="Capacity"/>,
    /// which the link sets to the session's negotiated body size. A body longer than that is not sent: the link
    /// answers EIO instead.
    /// </summary>
    public sealed class Reply
    {
        public readonly byte[] Buffer;
        public readonly int BodyOffset;

        /// <summary>The most body bytes this reply may carry.</summary>
        public int Capacity { get; private set; }

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

        /// <summary>The link narrows the capacity to a session's negotiated body (never past the buffer).</summary>
        internal void Limit(int capacity)
        {
            int room = Buffer.Length - BodyOffset;
            Capacity = capacity < room ? capacity : room;
        }
    }
}
