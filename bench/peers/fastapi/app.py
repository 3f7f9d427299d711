"""A seed-style FastAPI service: the peer `./bulwark bench` measures Bulwark against.

It does what the FastAPI production templates do for the benchmark's scenarios, with their usual choices:
async handlers, asyncpg on PostgreSQL, HS256 bearer tokens checked with PyJWT, bcrypt passwords (hashed in the
thread pool so the event loop stays free), rotating refresh tokens stored as SHA-256, offset pages for the admin
list. Routes and JSON shapes follow Bulwark's so one load script drives both. Not a product: no validation beyond
what FastAPI/pydantic give, no rate limits, no security headers.

Run: DATABASE_URL=postgresql://... JWT_SECRET=... uvicorn app:app --loop uvloop --http httptools --workers N
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


async def token_pair(db, user_id: uuid.UUID) -> dict:
    now = dt.datetime.now(dt.timezone.utc)
    access = jwt.encode({"sub": str(user_id), "exp": now + ACCESS_TTL}, SECRET, algorithm="HS256")
    refresh = secrets.token_urlsafe(32)
    await db.execute(
        "INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        digest(refresh), user_id, now + REFRESH_TTL)
    return {"accessToken": access, "tokenType": "Bearer", "expiresIn": int(ACCESS_TTL.total_seconds()),
            "refreshToken": refresh}


async def current_user(credentials: HTTPAuthorizationCredentials = Depends(bearer)):
    try:
        claims = jwt.decode(credentials.credentials, SECRET, algorithms=["HS256"])
        user_id = uuid.UUID(claims["sub"])
    except (jwt.InvalidTokenError, KeyError, ValueError):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Could not validate credentials")
    user = await app.state.pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
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
        return await token_pair(db, user["id"])


@app.post("/api/v1/auth/refresh")
async def refresh(body: Refresh) -> dict:
    async with app.state.pool.acquire() as db, db.transaction():
        user_id = await db.fetchval(
            "UPDATE refresh_tokens SET used = true WHERE token_hash = $1 AND NOT used AND expires_at > now()"
            " RETURNING user_id", digest(body.refreshToken))
        if user_id is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid refresh token")
        return await token_pair(db, user_id)


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
