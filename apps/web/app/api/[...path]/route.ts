import { proxyToNode } from '@/lib/node-proxy';

export const dynamic = 'force-dynamic';

export const GET = proxyToNode;
export const POST = proxyToNode;
export const PATCH = proxyToNode;
export const PUT = proxyToNode;
export const DELETE = proxyToNode;
