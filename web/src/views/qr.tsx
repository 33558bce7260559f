/** The join QR code: the server's SVG as an <img> data URI, never as markup in the page. */
export function Qr({ svg, alt, testId }: { svg: string; alt: string; testId: string }) {
  return (
    <img
      class="qr"
      src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
      alt={alt}
      data-testid={testId}
    />
  );
}

/** "12345678" → "1234 5678", easier to read aloud and to type. */
export function groupCode(code: string): string {
  const digits = code.replace(/\s/g, "");
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}
