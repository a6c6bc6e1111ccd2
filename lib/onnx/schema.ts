/**
 * Field numbers and enums from onnx/onnx.proto (proto2, package onnx) that our writer uses.
 * Source: https://github.com/onnx/onnx/blob/main/onnx/onnx.in.proto. Only these fields are
 * written; everything else keeps its default.
 *
 *   message ModelProto {
 *     int64 ir_version = 1;            repeated OperatorSetIdProto opset_import = 8;
 *     string producer_name = 2;        string producer_version = 3;
 *     GraphProto graph = 7;
 *   }
 *   message OperatorSetIdProto { string domain = 1; int64 version = 2; }
 *   message GraphProto {
 *     repeated NodeProto node = 1;     string name = 2;
 *     repeated TensorProto initializer = 5;
 *     repeated ValueInfoProto input = 11;   repeated ValueInfoProto output = 12;
 *   }
 *   message NodeProto {
 *     repeated string input = 1;       repeated string output = 2;
 *     string name = 3;                 string op_type = 4;
 *     repeated AttributeProto attribute = 5;   string domain = 7;
 *   }
 *   message AttributeProto {
 *     string name = 1;   AttributeType type = 20;
 *     float f = 2;  int64 i = 3;  bytes s = 4;  TensorProto t = 5;
 *     repeated float floats = 7;  repeated int64 ints = 8;     (proto2, not [packed]: one key each)
 *   }
 *   enum AttributeType { FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; FLOATS = 6; INTS = 7; }
 *   message TensorProto {
 *     repeated int64 dims = 1;  int32 data_type = 2;  string name = 8;
 *     bytes raw_data = 9;       (fixed-width little-endian elements; bool = one byte each)
 *   }
 *   enum TensorProto.DataType { FLOAT = 1; UINT8 = 2; INT8 = 3; INT32 = 6; INT64 = 7; BOOL = 9;
 *                               FLOAT16 = 10; }
 *   message ValueInfoProto { string name = 1; TypeProto type = 2; }
 *   message TypeProto { TypeProto.Tensor tensor_type = 1; }
 *   message TypeProto.Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
 *   message TensorShapeProto { repeated Dimension dim = 1; }
 *   message TensorShapeProto.Dimension { oneof { int64 dim_value = 1; string dim_param = 2; } }
 *
 * IR version per default-opset release (docs/Versioning.md): opset ≤14 → IR 7, 15–18 → 8,
 * 19–20 → 9, 21–22 → 10, 23+ → 11.
 */

export const MODEL = { irVersion: 1, producerName: 2, producerVersion: 3, graph: 7, opsetImport: 8 } as const;
export const OPSET_ID = { domain: 1, version: 2 } as const;
export const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;
export const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
export const ATTRIBUTE = { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 } as const;
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;
export const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;
export const VALUE_INFO = { name: 1, type: 2 } as const;
export const TYPE = { tensorType: 1 } as const;
export const TYPE_TENSOR = { elemType: 1, shape: 2 } as const;
export const SHAPE = { dim: 1 } as const;
export const DIMENSION = { dimValue: 1, dimParam: 2 } as const;

/** TensorProto.DataType codes for the dtypes we emit. */
export const DATA_TYPE = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
} as const;

/** The IR version that shipped with a given default ai.onnx opset. */
export function irVersionForOpset(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}
