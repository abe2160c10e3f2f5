import { encodeBarcode } from '../../electron/core/print/barcode';
console.log(encodeBarcode('B/0001-WS-2024-Y-H0001','code128').cols, encodeBarcode('B/0001-WS-2024-Y-H0001','qr').cols);
