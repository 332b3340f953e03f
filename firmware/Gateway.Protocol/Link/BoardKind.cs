namespace Gateway.Protocol.Link
{
    /// <summary>
    /// HELLO_REPLY's <c>board_kind</c> (u16 at offset 6, hardware-docs/link.md §2.2): what the board says it is,
    /// covered by its proof. A host holding the public development key (<see cref="DevelopmentKey"/>) goes on only
    /// with a board that says <see cref="Emulated"/>. Every other value, the 0 of boards older than the field
    /// included, means hardware, so a board can only be taken for emulated by saying so.
    /// </summary>
    public static class BoardKind
    {
        /// <summary>A real board (the Raspberry Pi and ESP32 apps), and any value a host does not know.</summary>
        public const int Hardware = 0;

        /// <summary>The emulated board (boards/emulated): simulated devices, nothing to damage.</summary>
        public const int Emulated = 1;

        /// <summary>"emulated" or "hardware", for messages.</summary>
        public static string Name(int kind)
        {
            return kind == Emulated ? "emulated" : "hardware";
        }
    }
}
