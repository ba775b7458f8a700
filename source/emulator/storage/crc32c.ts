// CRC32C (Castagnoli), the checksum Cloud Storage reports as `crc32c` (base64 of the big-endian
// 32-bit value) and that @google-cloud/storage validates downloads and uploads against.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export class Crc32c {
  private crc = 0xffffffff;

  update(data: Uint8Array): this {
    let crc = this.crc;
    for (const byte of data) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
    this.crc = crc >>> 0;
    return this;
  }

  value(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }

  base64(): string {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(this.value());
    return bytes.toString('base64');
  }
}
