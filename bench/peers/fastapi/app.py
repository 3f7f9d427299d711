"""A seed-style FastAPI service: the peer `./bulwark bench` measures Bulwark against.

It does what the FastAPI production templates do for the benchmark's scenarios, with their usual choices:
async handlers, asyncpg on PostgreSQL, HS256 bearer tokens checked with PyJWT, bcrypt passwords (hashed in the
thread pool so the event loop stays free), rotating refresh tokens stored as SHA-256, offset pages for the admin
list. Routes and JSON shapes follow Bulwark's so one load script drives both. Not a product: no validation beyond
what FastAPI/pydantic give, no rate limits, no security headers.

GET /api/v1/me reads the user from PostgreSQL on every request, as those templates do; with ME_FROM=token it answers
from the access token's claims alone (no database, so a disabled user keeps access until the token expires): the
fastest /me a FastAPI user would pick.

Run: DATABASE_URL=postgresql://... JWT_SECRET=... [ME_FROM=token] uvicorn app:app --loop uvloop --http httptools
     --workers N
"""

import datetime as dt
import hashlib
import os
import secrets
import uuid

import asyncpg
import bcrypt
import jwt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

SECRET = os.environ["JWT_SECRET"]
ACCESS_TTL = dt.timedelta(minutes=10)
REFRESH_TTL = dt.timedelta(days=14)
BCRYPT_ROUNDS = int(os.environ.get("BCRYPT_ROUNDS", "10"))  # ~60 ms here, like Bulwark's Argon2id
ME_FROM_TOKEN = os.environ.get("ME_FROM", "database") == "token"

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id uuid PRIMARY KEY, email text UNIQUE NOT NULL, hashed_password text NOT NULL, display_name text NOT NULL,
    is_active boolean NOT NULL DEFAULT true, is_superuser boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash bytea PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), expires_at timestamptz NOT NULL,
    used boolean NOT NULL DEFAULT false);
"""

app = FastAPI(title="fastapi-peer")
bearer = HTTPBearer()


class Register(BaseModel):
    email: str
    password: str
    displayName: str
    superuser: bool = False


class Login(BaseModel):
    email: str
    password: str


class Refresh(BaseModel):
    refreshToken: str


@app.on_event("startup")
async def connect() -> None:
    app.state.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=5, max_size=10)
    async with app.state.pool.acquire() as db:
        await db.execute("SELECT pg_advisory_lock(42)")  # several workers start at once
        await db.execute(SCHEMA)
        await db.execute("SELECT pg_advisory_unlock(42)")


@app.on_event("shutdown")
async def disconnect() -> None:
    await app.state.pool.close()


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def token_pair(db, user) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    claims = {"sub": str(user["id"]), "email": user["email"], "name": user["display_name"],
              "created": user["created_at"].isoformat(), "exp": now + ACCESS_TTL}
    access = jwt.encode(claims, SECRET, algorithm="HS256")
    refresh = secrets.token_urlsafe(32)
    await db.execute(
        "INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        digest(refresh), user["id"], now + REFRESH_TTL)
    return {"accessToken": access, "tokenType": "Bearer", "expiresIn": int(ACCESS_TTL.total_seconds()),
            "refreshToken": refresh}


async def token_claims(credentials: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    """The verified claims of the bearer token (async: a plain def dependency would run in the thread pool)."""
    try:
        claims = jwt.decode(credentials.credentials, SECRET, algorithms=["HS256"])
        uuid.UUID(claims["sub"])
    except (jwt.InvalidTokenError, KeyError, ValueError):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Could not validate credentials")
    return claims


async def current_user(claims: dict = Depends(token_claims)):
    user = await app.state.pool.fetchrow("SELECT * FROM users WHERE id = $1", uuid.UUID(claims["sub"]))
    if user is None or not user["is_active"]:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Could not validate credentials")
    return user


def public(user) -> dict:
    return {"id": str(user["id"]), "email": user["email"], "displayName": user["display_name"],
            "createdAt": user["created_at"].isoformat()}


@app.get("/api/v1/ping")
async def ping() -> dict:
    return {"status": "ok"}


@app.post("/api/v1/auth/register", status_code=status.HTTP_202_ACCEPTED)
async def register(body: Register) -> dict:
    hashed = await run_in_threadpool(bcrypt.hashpw, body.password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS))
    await app.state.pool.execute(
        "INSERT INTO users (id, email, hashed_password, display_name, is_superuser) VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT (email) DO NOTHING",
        uuid.uuid4(), body.email.lower(), hashed.decode(), body.displayName, body.superuser)
    return {"status": "accepted"}


@app.post("/api/v1/auth/login")
async def login(body: Login) -> dict:
    user = await app.state.pool.fetchrow("SELECT * FROM users WHERE email = $1", body.email.lower())
    stored = user["hashed_password"].encode() if user else bcrypt.hashpw(b"decoy", bcrypt.gensalt(BCRYPT_ROUNDS))
    matches = await run_in_threadpool(bcrypt.checkpw, body.password.encode(), stored)
    if user is None or not matches or not user["is_active"]:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Incorrect email or password")
    async with app.state.pool.acquire() as db:
        return await token_pair(db, user)


@app.post("/api/v1/auth/refresh")
async def refresh(body: Refresh) -> dict:
    async with app.state.pool.acquire() as db, db.transaction():
        user = await db.fetchrow(  # the user's row comes along for the new access token's claims
            "UPDATE refresh_tokens t SET used = true FROM users u"
            " WHERE t.token_hash = $1 AND NOT t.used AND t.expires_at > now() AND u.id = t.user_id"
            " RETURNING u.*", digest(body.refreshToken))
        if user is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid refresh token")
        return await token_pair(db, user)


if ME_FROM_TOKEN:
    @app.get("/api/v1/me")
    async def me(claims: dict = Depends(token_claims)) -> dict:
        return {"id": claims["sub"], "email": claims["email"], "displayName": claims["name"],
                "createdAt": claims["created"]}
else:
    @app.get("/api/v1/me")
    async def me(user=Depends(current_user)) -> dict:
        return public(user)


@app.get("/api/v1/admin/users")
async def users(skip: int = 0, limit: int = 20, user=Depends(current_user)) -> dict:
    if not user["is_superuser"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "The user doesn't have enough privileges")
    limit = max(1, min(limit, 100))
    rows = await app.state.pool.fetch(
        "SELECT * FROM users ORDER BY created_at, id OFFSET $1 LIMIT $2", max(skip, 0), limit)
    return {"items": [public(row) for row in rows]}
