using System;
using System.Linq;
using Gateway.Board.Emulated.Simulator;
using Gateway.Devices.Hal;

namespace Gateway.Board.Tests.Simulator;

/// <summary>The 25LC256 model of rules.md §5, driven through the simulated bus as the SPI region drives it.</summary>
public sealed class Eeprom25LC256Tests
{
    private readonly SimulatedClock clock = new();
    private readonly SimulatedSpiBus bus = new(2);
    private readonly Eeprom25LC256 eeprom;

    public Eeprom25LC256Tests()
    {
        this.eeprom = new Eeprom25LC256(clock);
        bus.Attach(0, eeprom);
    }

    /// <summary>One chip-select frame; returns the MISO bytes.</summary>
    private byte[] Frame(params byte[] mosi) => Frame(0, mosi);

    private byte[] Frame(int mode, byte[] mosi)
    {
        var rx = Enumerable.Repeat((byte)0x5A, mosi.Length).ToArray();
        Assert.Equal(SpiResult.Done, bus.Transfer(0, mode, 1_000_000, 8, mosi, 0, rx, 0, mosi.Length));
        return rx;
    }

    private void WriteEnable() => Frame(Eeprom25LC256.WriteEnable);

    private byte ReadStatus() => Frame(Eeprom25LC256.ReadStatus, 0)[1];

    private void Write(int address, params byte[] data) =>
        Frame(new byte[] { Eeprom25LC256.Write, (byte)(address >> 8), (byte)address }.Concat(data).ToArray());

    private byte[] Read(int address, int count) =>
        Frame(new byte[] { Eeprom25LC256.Read, (byte)(address >> 8), (byte)address }.Concat(new byte[count]).ToArray())[3..];

    private void CompleteWrite() => clock.Advance(Eeprom25LC256.DefaultWriteTimeMs);

    [Fact]
    public void Read_FreshArray_IsErased()
    {
        Assert.All(Read(0x1234, 16), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Read_CommandAndAddressBytes_MisoIsFF()
    {
        eeprom.Load(0x0100, new byte[] { 0x00, 0x11 }, 0, 2);

        var miso = Frame(Eeprom25LC256.Read, 0x01, 0x00, 0, 0);

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0x00, 0x11 }, miso);
    }

    [Fact]
    public void Write_WithWren_IsStoredAfterTheWriteTime()
    {
        WriteEnable();
        Write(0x0040, 1, 2, 3, 4);
        CompleteWrite();

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Read(0x0040, 4));
        Assert.Equal(1, eeprom.WriteCycles);
    }

    [Fact]
    public void Write_CommandAddressAndData_MisoIsFF()
    {
        WriteEnable();

        var miso = Frame(Eeprom25LC256.Write, 0, 0, 0x12, 0x34);

        Assert.All(miso, b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Write_WithoutWren_IsIgnored()
    {
        Write(0x0000, 0xAA);
        CompleteWrite();

        Assert.Equal(0xFF, Read(0x0000, 1)[0]);
        Assert.Equal(0, ReadStatus());
        Assert.Equal(0, eeprom.WriteCycles);
    }

    [Fact]
    public void Write_AfterWrdi_IsIgnored()
    {
        WriteEnable();
        Frame(Eeprom25LC256.WriteDisable);

        Write(0x0000, 0xAA);

        Assert.Equal(0, ReadStatus());
        Assert.Equal(0xFF, Read(0x0000, 1)[0]);
    }

    [Fact]
    public void Wren_Alone_SetsWel()
    {
        WriteEnable();

        Assert.Equal(Eeprom25LC256.StatusWel, ReadStatus());
    }

    [Fact]
    public void Write_Completed_ClearsWelSoTheNextWriteNeedsWrenAgain()
    {
        WriteEnable();
        Write(0x0000, 0x11);
        CompleteWrite();
        Assert.Equal(0, ReadStatus());

        Write(0x0001, 0x22);
        CompleteWrite();

        Assert.Equal(new byte[] { 0x11, 0xFF }, Read(0x0000, 2));
    }

    [Fact]
    public void Write_PastTheEndOfThePage_WrapsToThePageStart()
    {
        WriteEnable();
        Write(0x007E, 0xA0, 0xA1, 0xA2, 0xA3);
        CompleteWrite();

        Assert.Equal(new byte[] { 0xA2, 0xA3 }, Read(0x0040, 2));
        Assert.Equal(new byte[] { 0xA0, 0xA1 }, Read(0x007E, 2));
        Assert.Equal(0xFF, Read(0x0080, 1)[0]);
    }

    [Fact]
    public void Write_MoreThanAPage_KeepsTheLastBytesPerPosition()
    {
        var data = Enumerable.Range(0, 70).Select(i => (byte)i).ToArray();
        WriteEnable();
        Write(0x0100, data);
        CompleteWrite();

        var page = Read(0x0100, 64);
        Assert.Equal(new byte[] { 64, 65, 66, 67, 68, 69 }, page[..6]);
        Assert.Equal(Enumerable.Range(6, 58).Select(i => (byte)i).ToArray(), page[6..]);
    }

    [Fact]
    public void Write_InProgress_StatusShowsWipAndWelUntilTheClockAdvances()
    {
        WriteEnable();
        Write(0x0000, 0x55);

        Assert.Equal(Eeprom25LC256.StatusWip | Eeprom25LC256.StatusWel, ReadStatus());
        clock.Advance(Eeprom25LC256.DefaultWriteTimeMs - 1);
        Assert.Equal(Eeprom25LC256.StatusWip | Eeprom25LC256.StatusWel, ReadStatus());
        clock.Advance(1);
        Assert.Equal(0, ReadStatus());
    }

    [Fact]
    public void Rdsr_RepeatedInOneFrame_ReReadsTheStatusEachByte()
    {
        WriteEnable();
        var miso = Frame(Eeprom25LC256.ReadStatus, 0, 0, 0);

        Assert.Equal(new byte[] { 0xFF, 0x02, 0x02, 0x02 }, miso);
    }

    [Fact]
    public void Commands_DuringWip_AreIgnoredExceptRdsr()
    {
        eeprom.Load(0x0200, new byte[] { 0x77 }, 0, 1);
        WriteEnable();
        Write(0x0000, 0x55);

        var readDuringWip = Frame(Eeprom25LC256.Read, 0x02, 0x00, 0);
        Frame(Eeprom25LC256.WriteDisable);
        Frame(Eeprom25LC256.WriteEnable);
        Write(0x0001, 0x66);
        CompleteWrite();

        Assert.All(readDuringWip, b => Assert.Equal(0xFF, b));
        Assert.Equal(0, ReadStatus());
        Assert.Equal(new byte[] { 0x55, 0xFF }, Read(0x0000, 2));
        Assert.Equal(0x77, Read(0x0200, 1)[0]);
        Assert.Equal(1, eeprom.WriteCycles);
    }

    [Fact]
    public void Write_WithCustomWriteTime_FollowsTheBoardClock()
    {
        var eeprom = new Eeprom25LC256(clock, writeTimeMs: 20);
        bus.Attach(1, eeprom);
        bus.Transfer(1, 0, 1_000_000, 8, new byte[] { Eeprom25LC256.WriteEnable }, 0, new byte[1], 0, 1);
        bus.Transfer(1, 0, 1_000_000, 8, new byte[] { Eeprom25LC256.Write, 0, 0, 9 }, 0, new byte[4], 0, 4);

        clock.Advance(19);
        Assert.Equal(Eeprom25LC256.StatusWip | Eeprom25LC256.StatusWel, eeprom.Status);
        clock.Advance(1);
        Assert.Equal(0, eeprom.Status);
    }

    [Fact]
    public void Write_ZeroWriteTime_CompletesAtOnce()
    {
        var eeprom = new Eeprom25LC256(clock, writeTimeMs: 0);
        bus.Attach(1, eeprom);
        bus.Transfer(1, 0, 1_000_000, 8, new byte[] { Eeprom25LC256.WriteEnable }, 0, new byte[1], 0, 1);
        bus.Transfer(1, 0, 1_000_000, 8, new byte[] { Eeprom25LC256.Write, 0, 0, 9 }, 0, new byte[4], 0, 4);

        Assert.Equal(0, eeprom.Status);
    }

    [Fact]
    public void Write_AddressOnlyNoData_StartsNoCycleAndKeepsWel()
    {
        WriteEnable();

        Frame(Eeprom25LC256.Write, 0x00, 0x10);

        Assert.Equal(Eeprom25LC256.StatusWel, ReadStatus());
        Assert.Equal(0, eeprom.WriteCycles);
    }

    [Fact]
    public void Read_WholeArrayInOneFrame_ReturnsEveryByteAndWraps()
    {
        var image = new byte[Eeprom25LC256.Size];
        new Random(25).NextBytes(image);
        eeprom.Load(0, image, 0, image.Length);

        var all = Read(0x0000, Eeprom25LC256.Size + 2);

        Assert.Equal(image, all[..Eeprom25LC256.Size]);
        Assert.Equal(image[..2], all[Eeprom25LC256.Size..]);
    }

    [Fact]
    public void Read_AddressBit15_IsIgnored()
    {
        eeprom.Load(0x0123, new byte[] { 0x42 }, 0, 1);

        Assert.Equal(0x42, Read(0x8123, 1)[0]);
    }

    [Fact]
    public void Read_StartingAtLastByte_WrapsToZero()
    {
        eeprom.Load(0x7FFF, new byte[] { 0x01 }, 0, 1);
        eeprom.Load(0x0000, new byte[] { 0x02 }, 0, 1);

        Assert.Equal(new byte[] { 0x01, 0x02 }, Read(0x7FFF, 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Transfer_InModeTheChipDoesNotSpeak_IsIgnored(int mode)
    {
        Frame(mode, new byte[] { Eeprom25LC256.WriteEnable });

        var miso = Frame(mode, new byte[] { Eeprom25LC256.ReadStatus, 0 });

        Assert.Equal(new byte[] { 0xFF, 0xFF }, miso);
        Assert.Equal(0, ReadStatus());
    }

    [Fact]
    public void Transfer_Mode3_IsUnderstood()
    {
        Frame(3, new byte[] { Eeprom25LC256.WriteEnable });

        Assert.Equal(Eeprom25LC256.StatusWel, Frame(3, new byte[] { Eeprom25LC256.ReadStatus, 0 })[1]);
    }

    [Fact]
    public void UnknownCommand_IsIgnoredWithMisoFF()
    {
        var miso = Frame(0x9F, 0, 0, 0);

        Assert.All(miso, b => Assert.Equal(0xFF, b));
        Assert.Equal(0, ReadStatus());
    }

    [Fact]
    public void PeekAndLoad_OutsideTheArray_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => eeprom.Peek(Eeprom25LC256.Size - 1, new byte[2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => eeprom.Load(-1, new byte[1], 0, 1));
    }
}
