﻿FROM ubuntu
RUN echo "é" && apt-get install -y curl
