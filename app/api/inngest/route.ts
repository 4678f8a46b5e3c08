// GET|POST|PUT /api/inngest - the Inngest endpoint (signed in production; outside the auth middleware)
import { inngestEndpoint } from '@/inngest/endpoint';

export const { GET, POST, PUT } = inngestEndpoint();
