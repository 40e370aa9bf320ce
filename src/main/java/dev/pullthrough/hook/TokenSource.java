package dev.pullthrough.hook;

/** Fetches a fresh ECR token (one GetAuthorizationToken call). */
@FunctionalInterface
public interface TokenSource {
    EcrToken fetch() throws TokenFetchException;
}
