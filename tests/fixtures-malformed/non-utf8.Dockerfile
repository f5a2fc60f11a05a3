FROM alpine:3.19
LABEL author="José Müller"
