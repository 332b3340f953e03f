namespace Gateway.Protocol.Wire
{
    /// <summary>
    /// Why a decoder refused its input. The enum is the identity; <see cref="DecodeErrors.Describe"/> is decoration.
    /// Decoders of untrusted bytes return one of these and never throw.
    /// </summary>
    public enum DecodeError
    {
        /// <summary>The input decoded completely.</summary>
        None = 0,

        /// <summary>Fewer bytes than the structure's fixed size.</summary>
        Truncated = 1,

        /// <summary>The message's <c>type</c> is not the one this decoder reads.</summary>
        WrongType = 2,

        /// <summary><c>combine_len</c> (without the flag) is smaller than the header or larger than the bytes left.</summary>
        BadCombineLength = 3,

        /// <summary>A length field (path_len, nbytes, extra_len, d_reclen…) does not fit the bytes given.</summary>
        BadLength = 4,

        /// <summary>A stat form that does not match its size, or extended flags naming no form.</summary>
        FormMismatch = 5,

        /// <summary>A path that is not NUL-terminated where <c>path_len</c> says it ends.</summary>
        BadPath = 6,

        /// <summary>The last part of a combine message still carries <c>_IO_COMBINE_FLAG</c>.</summary>
        UnterminatedCombine = 7,

        /// <summary>Bytes follow a structure that must be the whole input.</summary>
        TrailingBytes = 8,

        /// <summary>A value outside the field's defined range.</summary>
        BadValue = 9,
    }
}
