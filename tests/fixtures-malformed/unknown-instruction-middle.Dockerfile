FROM alpine:3.19
RUN echo ok
FOOBAR --flag value
FROM ubuntu
USER app
