RUN echo before from
FROM ubuntu
