#ifndef CIVIC_COPENSSL_SHIM_H
#define CIVIC_COPENSSL_SHIM_H
/* Only libcrypto: hashing, Ed25519 through EVP_PKEY, secure random, cleansing. */
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#endif
