// Declarations only: nanoFramework.System.IO.Ports (System.IO.Ports namespace).
namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
        Mark = 3,
        Space = 4,
    }

    public enum StopBits
    {
        None = 0,
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public enum Handshake
    {
        None = 0,
        XOnXOff = 1,
        RequestToSend = 2,
        RequestToSendXOnXOff = 3,
    }

    public enum SerialData
    {
        Chars = 1,
        WatchChar = 2,
    }

    public class SerialDataReceivedEventArgs : EventArgs
    {
        public SerialData EventType { get { throw null; } }
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public string PortName { get { throw null; } }
        public int BaudRate { get { throw null; } set { } }
        public Parity Parity { get { throw null; } set { } }
        public int DataBits { get { throw null; } set { } }
        public StopBits StopBits { get { throw null; } set { } }
        public Handshake Handshake { get { throw null; } set { } }
        public int ReadTimeout { get { throw null; } set { } }
        public int WriteTimeout { get { throw null; } set { } }
        public int ReadBufferSize { get { throw null; } set { } }
        public int BytesToRead { get { throw null; } }
        public int BytesToWrite { get { throw null; } }
        public bool IsOpen { get { throw null; } }
        public void Open() { }
        public void Close() { }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public int ReadByte() { throw null; }
        public void Write(byte[] buffer, int offset, int count) { }
        public void WriteByte(byte value) { }
        public void DiscardInBuffer() { }
        public void DiscardOutBuffer() { }
        public event SerialDataReceivedEventHandler DataReceived;
        public void Dispose() { }
    }
}
