/**
 * A multipart form encoded as a browser sends it: the body bytes, its boundary in Content-Type,
 * and a Content-Length (which undici would only compute while sending, and upload routes need).
 */
export async function encodeMultipart(
  form: FormData,
): Promise<{ body: ArrayBuffer; headers: Record<string, string> }> {
  const encoded = new Response(form);
  const body = await encoded.arrayBuffer();
  return {
    body,
    headers: {
      'content-type': encoded.headers.get('content-type') ?? '',
      'content-length': String(body.byteLength),
    },
  };
}
