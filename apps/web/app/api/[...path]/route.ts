import { proxyToNode } from '@/lib/node-proxy';

export const dynamic = 'force-dynamic';

export const GET = proxyToNode;
// tus uploads (UPLOADS_PATH) ask for the offset to resume from with HEAD.
export const HEAD = proxyToNode;
export const POST = proxyToNode;
export const PATCH = proxyToNode;
export const PUT = proxyToNode;
export const DELETE = proxyToNode;
