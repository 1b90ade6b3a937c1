'use client';

import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text`, drawn as an SVG data URL in the browser. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) =>
      setSource(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`),
    );
  }, [text]);
  return (
    <div className="size-40 rounded-lg bg-white p-2">
      {source ? <img src={source} alt={label} width={144} height={144} /> : null}
    </div>
  );
}
