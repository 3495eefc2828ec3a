// A fully convolutional detection model exported for one square input size, made to take another: the input's
// spatial dimensions are set, shape constants that were computed for the exported size are recomputed (Reshape
// targets become [batch, -1, values]; ConstantOfShape sizes are scaled) and stored intermediate shapes are dropped
// for the runtime to infer. The weights are untouched, so the network computes the same at every position; one large
// tile then replaces many small overlapping ones. Only the ONNX protobuf fields this needs are read.

interface Field {
  readonly no: number;
  readonly wire: number;
  /** Varint value (wire 0). */
  readonly value: number;
  /** Payload (wire 2) or the raw bytes of a fixed-width value (wire 1, 5). */
  readonly bytes: Uint8Array;
}

function readVarint(buffer: Uint8Array, at: number): [number, number] {
  let value = 0;
  let factor = 1;
  let byte: number;
  do {
    byte = buffer[at++]!;
    value += (byte & 0x7f) * factor;
    factor *= 128;
  } while (byte & 0x80);
  return [value, at];
}

function parse(buffer: Uint8Array): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < buffer.length) {
    let key: number;
    [key, at] = readVarint(buffer, at);
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const start = at;
      let value: number;
      [value, at] = readVarint(buffer, at);
      fields.push({ no, wire, value, bytes: buffer.subarray(start, at) });
    } else if (wire === 2) {
      let length: number;
      [length, at] = readVarint(buffer, at);
      fields.push({ no, wire, value: length, bytes: buffer.subarray(at, at + length) });
      at += length;
    } else if (wire === 1 || wire === 5) {
      const width = wire === 1 ? 8 : 4;
      fields.push({ no, wire, value: 0, bytes: buffer.subarray(at, at + width) });
      at += width;
    } else {
      throw new Error(`not an ONNX model (protobuf wire type ${wire})`);
    }
  }
  return fields;
}

function varint(value: bigint): number[] {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return bytes;
}

function encode(fields: readonly Field[]): Uint8Array {
  const chunks = fields.map((field) => {
    const head = varint(BigInt(field.no * 8 + field.wire));
    const length = field.wire === 2 ? varint(BigInt(field.bytes.length)) : [];
    const chunk = new Uint8Array(head.length + length.length + field.bytes.length);
    chunk.set(head, 0);
    chunk.set(length, head.length);
    chunk.set(field.bytes, head.length + length.length);
    return chunk;
  });
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const message = (no: number, fields: readonly Field[]): Field => {
  const bytes = encode(fields);
  return { no, wire: 2, value: bytes.length, bytes };
};
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const stringField = (fields: readonly Field[], no: number): string =>
  text(fields.find((f) => f.no === no)?.bytes ?? new Uint8Array());

/** The int64 values of a TensorProto (raw_data, packed or plain int64_data). */
function int64s(tensor: readonly Field[]): number[] {
  const raw = tensor.find((f) => f.no === 9);
  if (raw) {
    const view = new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    return Array.from({ length: raw.bytes.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  }
  const values: number[] = [];
  for (const field of tensor.filter((f) => f.no === 7)) {
    // Plain (wire 0) or packed (wire 2) varints; shape values here are small and positive.
    const bytes = field.bytes;
    for (let at = 0; at < bytes.length;) {
      let value: number;
      [value, at] = readVarint(bytes, at);
      values.push(value);
    }
  }
  return values;
}

function withInt64s(tensor: readonly Field[], values: readonly number[]): Field[] {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return [...tensor.filter((f) => f.no !== 9 && f.no !== 7), { no: 9, wire: 2, value: raw.length, bytes: raw }];
}

export interface InputResize {
  /** The square size the model was exported for, and the one wanted. */
  readonly from: number;
  readonly to: number;
  readonly layout: 'nhwc' | 'nchw';
}

/** The model (ONNX bytes) rewritten to take a to×to input. */
export function resizeModelInput(model: Uint8Array, resize: InputResize): Uint8Array {
  const top = parse(model);
  const graphAt = top.findIndex((f) => f.no === 7);
  if (graphAt < 0) throw new Error('not an ONNX model (no graph)');
  const graph = parse(top[graphAt]!.bytes);
  const reshapeTargets = new Set<string>();
  const fillShapes = new Set<string>();
  for (const field of graph.filter((f) => f.no === 1)) {
    const node = parse(field.bytes);
    const inputs = node.filter((f) => f.no === 1).map((f) => text(f.bytes));
    const op = stringField(node, 4);
    if (op === 'Reshape' && inputs[1]) reshapeTargets.add(inputs[1]);
    if (op === 'ConstantOfShape' && inputs[0]) fillShapes.add(inputs[0]);
  }
  const spatial = resize.layout === 'nhwc' ? [1, 2] : [2, 3];
  const out: Field[] = [];
  for (const field of graph) {
    if (field.no === 13) continue; // value_info: intermediate shapes of the exported size
    if (field.no === 5) {
      const tensor = parse(field.bytes);
      const name = stringField(tensor, 8);
      if (reshapeTargets.has(name)) {
        const values = int64s(tensor);
        out.push(message(5, values.length === 3 ? withInt64s(tensor, [values[0]!, -1, values[2]!]) : tensor));
        continue;
      }
      if (fillShapes.has(name)) {
        // NCHW after the model's first transpose: height and width are the last two.
        const values = int64s(tensor).map((v, i, all) => (i >= all.length - 2 ? (v * resize.to) / resize.from : v));
        if (values.some((v) => !Number.isInteger(v))) throw new Error(`input ${resize.to} does not divide ${name}`);
        out.push(message(5, withInt64s(tensor, values)));
        continue;
      }
    }
    if (field.no === 11 || field.no === 12) {
      out.push(message(field.no, valueInfoResized(parse(field.bytes), field.no === 11 ? spatial : null, resize.to)));
      continue;
    }
    out.push(field);
  }
  const rewritten = [...top];
  rewritten[graphAt] = message(7, out);
  return encode(rewritten);
}

/** An input's dims with the spatial ones set (`spatial`), or an output's shape left to inference (null). */
function valueInfoResized(info: readonly Field[], spatial: readonly number[] | null, size: number): Field[] {
  return info.map((field) => {
    if (field.no !== 2) return field;
    const type = parse(field.bytes).map((typeField) => {
      if (typeField.no !== 1) return typeField;
      const tensor = parse(typeField.bytes)
        .filter((f) => spatial !== null || f.no !== 2)
        .map((tensorField) => {
          if (tensorField.no !== 2 || spatial === null) return tensorField;
          const dims = parse(tensorField.bytes).map((dim, axis) =>
            dim.no === 1 && spatial.includes(axis)
              ? message(1, [{ no: 1, wire: 0, value: size, bytes: Uint8Array.from(varint(BigInt(size))) }])
              : dim,
          );
          return message(2, dims);
        });
      return message(1, tensor);
    });
    return message(2, type);
  });
}
