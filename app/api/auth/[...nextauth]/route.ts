import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { atPublicOrigin } from "@/lib/security/public-origin";

export const GET = (request: NextRequest) => handlers.GET(atPublicOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(atPublicOrigin(request));
